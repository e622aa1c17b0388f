"""The lnst-api command line: validate a data file, serve the API."""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import uvicorn

from app.config import Settings, bundled_data_path
from app.source_file import DataFileError, load_source

EXIT_OK, EXIT_INVALID_DATA = 0, 1


def validate(path: Path, quiet: bool = False) -> int:
    """Check a data file; print every problem as PATH:LINE:COLUMN: message."""
    try:
        loaded = load_source(path)
    except DataFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: {len(error.problems)} problem(s); not valid", file=sys.stderr)
        return EXIT_INVALID_DATA
    if not quiet:
        data = loaded.data
        print(f"{path}: valid: {len(data.duties)} duties, {len(data.divisions)} divisions, version {loaded.version}")
    return EXIT_OK


def serve(host: str, port: int, workers: int, data_path: Path | None, access_log: bool | None) -> int:
    """Validate the data, then serve the API with uvicorn (settings reach the workers through LNST_*)."""
    if data_path is not None:
        os.environ["LNST_DATA_PATH"] = str(data_path)
    if access_log is not None:
        os.environ["LNST_ACCESS_LOG"] = "true" if access_log else "false"
    if validate(Settings().data_path, quiet=True) != EXIT_OK:
        return EXIT_INVALID_DATA
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the app writes its own JSON access log
        server_header=False,  # do not advertise the server software
        proxy_headers=True,
        log_level="warning",
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(prog="lnst-api", description="Serve and check the 辽宁省科学技术厅 mandate data.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("validate", help="check a data file; exit 1 and list every problem if it is invalid")
    check.add_argument("path", nargs="?", type=Path, default=None, help="the data file (default: the bundled data/lnst.yaml)")
    run = commands.add_parser("serve", help="serve the API with uvicorn")
    run.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    run.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    run.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    run.add_argument("--data", type=Path, default=None, help="the data file (default: LNST_DATA_PATH or the bundled file)")
    run.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="one JSON line per request on stdout (default: LNST_ACCESS_LOG, else on)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.path or bundled_data_path())
    return serve(args.host, args.port, args.workers, args.data, args.access_log)


if __name__ == "__main__":
    sys.exit(main())
