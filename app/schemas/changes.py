"""The contract of the change log beside the data file (data/lnst.changes.yaml): one entry per version, newest last."""

import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

ResourceUrl = Annotated[str, Field(pattern=r"^/v1(/[^\s]*)?$")]


class ChangeEntry(BaseModel):
    """One version of the dataset: when, which, what changed in a line, and the resources that changed."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    date: datetime.date
    version: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    summary: Annotated[str, Field(min_length=1)]
    resources: list[ResourceUrl] = []


class ChangeLog(BaseModel):
    """The whole change log."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    versions: list[ChangeEntry] = []
