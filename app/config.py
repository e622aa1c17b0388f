"""Settings, read from LNST_* environment variables."""

from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGED_DATA = Path(__file__).parent / "data" / "lnst.yaml"
CHECKOUT_DATA = Path(__file__).parent.parent / "data" / "lnst.yaml"


def bundled_data_path() -> Path:
    """The data file shipped with the code: inside the wheel, or in the source checkout."""
    return PACKAGED_DATA if PACKAGED_DATA.exists() else CHECKOUT_DATA


class Settings(BaseSettings):
    """How the API is configured; every field can be set as LNST_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="LNST_", frozen=True, validate_by_name=True)

    data_path: Path = Field(default_factory=bundled_data_path, description="The data file to serve.")
    changes_path: Path | None = Field(
        default=None, description="The change log /v1/changes serves; by default beside the data file (lnst.changes.yaml)."
    )
    database_url: str = Field(default="sqlite://", description="SQLAlchemy URL of the store; in-memory SQLite by default.")
    cache_max_age: int = Field(default=300, ge=0, description="Cache-Control max-age, in seconds.")
    cors_origins: list[str] = Field(default=["*"], description="Origins allowed by CORS; ['*'] for any.")
    cors_max_age: int = Field(default=86400, ge=0, description="How long browsers may cache a preflight answer, in seconds.")
    access_log: bool = Field(default=True, description="Write one JSON line per request to the log.")
    response_cache: bool = Field(
        default=True,
        validation_alias=AliasChoices("LNST_RESPONSE_CACHE", "LNST_FAST_PATH"),  # the first wins when both are set
        description="Keep the bytes of 200 answers to GETs in the response cache and answer repeats from them "
        "(`LNST_FAST_PATH`, its former name, is still read; deprecated).",
    )
    response_cache_mb: int = Field(
        default=8, ge=1, description="Most memory the response cache may take, in MB (least recently used go first)."
    )
    head_timeout: float = Field(
        default=10, gt=0, le=60, description="Seconds a client has to send a request's line and headers; then it is disconnected."
    )
    keep_alive_timeout: int = Field(default=5, ge=1, le=300, description="Seconds an idle keep-alive connection is kept open.")
    send_timeout: float = Field(
        default=30, gt=0, le=600, description="Seconds a client may read nothing of an answer; then it is disconnected."
    )
    max_connections: int = Field(
        default=1000, ge=1, description="Open connections per worker; a request beyond them is answered 503 (probes excepted)."
    )
    grace_period: float = Field(
        default=10, ge=0, le=600, description="Seconds a stopping server gives the requests it has received; then it closes."
    )
