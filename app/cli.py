"""The lnst-api command line: serve the API; validate, export, import and compare data files; write the contracts."""

# Output goes to stdout or to --output, with no progress messages. The exit codes are in each parser's epilog (--help).
# import's 2 (nothing written) means the source is unreadable, empty, binary, in no known layout, numbered twice, or
# would not make a valid data file; diff's 2 means a file is missing or invalid.

import argparse
import asyncio
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sqlalchemy.exc
from pydantic import ValidationError

from app.config import Settings, bundled_data_path
from app.data.data_file import DataFileError, load_source

EXIT_OK, EXIT_INVALID_DATA, EXIT_USAGE, EXIT_OUTPUT = 0, 1, 2, 3
EXIT_UNPLACED, EXIT_TROUBLE = 1, 2  # import: text left unplaced; import and diff: nothing could be done
EXPORTS = {
    "json": "/v1/export",
    "jsonld": "/v1/export.jsonld",
    "csv": "/v1/{table}?format=csv",
}
CSV_TABLES = ["duties", "divisions", "mandates", "honours", "matrix"]
SQLITE = "sqlite"  # the tables themselves, as a database file (sqlite3 lnst.db, datasette lnst.db)


def validate(path: Path, quiet: bool = False) -> int:
    """Check a data file; print every problem as PATH:LINE:COLUMN: message."""
    try:
        loaded = load_source(path)
    except DataFileError as error:
        print(*error.report(path), sep="\n", file=sys.stderr)
        return EXIT_INVALID_DATA
    if not quiet:
        data = loaded.data
        print(f"{path}: valid: {len(data.duties)} duties, {len(data.divisions)} divisions, version {loaded.version}")
    return EXIT_OK


def serve(host: str, port: int, workers: int, data_path: Path | None, access_log: bool | None) -> int:
    """Validate the data once, then serve that snapshot with supervised uvicorn workers (settings reach them as LNST_*)."""
    from app.server.supervisor import serve as supervise

    if access_log is not None:
        os.environ["LNST_ACCESS_LOG"] = "true" if access_log else "false"
    try:
        settings = Settings()
    except ValidationError as error:
        for problem in error.errors(include_url=False):
            print(f"LNST_{str(problem['loc'][0]).upper()}: {problem['msg']}", file=sys.stderr)
        return EXIT_USAGE
    if workers < 1:
        print("--workers must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    return supervise(data_path or settings.data_path, host, port, workers, settings.grace_period)


def fetch(data_path: Path, urls: list[str]) -> list[bytes] | None:
    """Load the data as the server would and answer these URLs in-process; None if the data is invalid."""
    if validate(data_path, quiet=True) != EXIT_OK:
        return None
    from app.main import create_app
    from app.web.openapi import get_in_process

    application = create_app(Settings(data_path=data_path, access_log=False))

    async def run() -> list[bytes]:
        async with application.router.lifespan_context(application):
            answers = [await get_in_process(application, url) for url in urls]
        for url, (status, _) in zip(urls, answers, strict=True):
            if status != 200:
                raise RuntimeError(f"{url} answered {status}")
        return [body for _, body in answers]

    return asyncio.run(run())


def export(data_path: Path, format: str, table: str, output: Path | None) -> int:
    """Write the dataset as JSON, JSON-LD, or one table as CSV, exactly as the API serves it; or its tables as SQLite."""
    if format == SQLITE:
        return export_sqlite(data_path, output)
    url = EXPORTS[format].format(table=table)
    bodies = fetch(data_path, [url])
    if bodies is None:
        return EXIT_INVALID_DATA
    return write(bodies[0], output)


def export_sqlite(data_path: Path, output: Path | None) -> int:
    """Write the tables the API is served from to a SQLite file, built beside it and moved into place when whole."""
    if output is None:
        print("lnst-api export: --format sqlite writes a database file: name it with --output", file=sys.stderr)
        return EXIT_USAGE
    if validate(data_path, quiet=True) != EXIT_OK:
        return EXIT_INVALID_DATA
    from app.data.store import open_store

    building = output.with_name(f".{output.name}.{os.getpid()}.tmp")
    try:
        open_store(Settings(data_path=data_path, database_url=f"sqlite:///{building}")).engine.dispose()
        building.replace(output)
    except (OSError, sqlalchemy.exc.OperationalError) as error:
        reason = error.strerror if isinstance(error, OSError) else error.orig
        print(f"{output}: cannot write: {reason}", file=sys.stderr)
        return EXIT_OUTPUT
    finally:
        building.unlink(missing_ok=True)
    return EXIT_OK


def openapi(data_path: Path, output: Path | None) -> int:
    """Write the OpenAPI document as the server publishes it, indented for review."""
    bodies = fetch(data_path, ["/openapi.json"])
    if bodies is None:
        return EXIT_INVALID_DATA
    return write(pretty(json.loads(bodies[0])), output)


def schema(output: Path | None) -> int:
    """Write the JSON Schema of the data file, generated from the pydantic schemas."""
    from app.schemas.source import data_file_schema

    return write(pretty(data_file_schema()), output)


def pretty(document: Any) -> bytes:
    """JSON indented by two spaces, Chinese unescaped, with a final newline (stable for diffs)."""
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode()


def write(body: bytes, output: Path | None) -> int:
    """Write to a file, or to stdout when no file is given."""
    if output is None:
        try:
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
        except BrokenPipeError:  # the reader stopped early (`| head`): say nothing more, exit 3
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return EXIT_OUTPUT
        return EXIT_OK
    try:
        output.write_bytes(body)
    except OSError as error:
        print(f"{output}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_OUTPUT
    return EXIT_OK


def import_source(source: Path, output: Path | None, name: str | None, onto: Path | None) -> int:
    """Import a published text into a data file; list every unplaced line, and editorial entries to review, on stderr."""
    from app.importer.run import run_import
    from app.importer.text import ImportFailure

    try:
        result = run_import(source, name, onto)
    except ImportFailure as failure:
        return trouble(f"{source}:{failure.line}: {failure.message}" if failure.line else f"{source}: {failure.message}")
    except DataFileError as error:
        return trouble(*error.problems, f"{source}: nothing written")
    imported = result.imported
    for unplaced in imported.unplaced:
        print(f"{source}:{unplaced.line}: unplaced: {unplaced.reason}: {unplaced.text}", file=sys.stderr)
    for review in result.reviews:
        cited = ", ".join(review.cited)
        print(f"{onto}: review: editorial {review.entry}: its text changed or is gone: {cited}", file=sys.stderr)
    summary = f"{imported.placed} of {imported.lines} lines placed, {len(imported.unplaced)} unplaced"
    print(f"{source}: {imported.layout} layout: {summary}", file=sys.stderr)
    written = write(result.body, output)
    return written or (EXIT_UNPLACED if imported.unplaced else EXIT_OK)


def diff(old_path: Path, new_path: Path, format: str, record: bool = False) -> int:
    """Print what changed between two data files (and record it in NEW's change log); exit 0 same, 1 different, 2 trouble."""
    from app.changes import log
    from app.changes.diff import differences
    from app.changes.report import as_json, as_text

    try:
        old, new = load_source(old_path), load_source(new_path)
    except DataFileError as error:
        return trouble(*error.problems)
    changes = differences(old.data, new.data)
    render = as_json if format == "json" else as_text
    if write(render(str(old_path), str(new_path), changes).encode(), None):
        return EXIT_TROUBLE
    if record and changes:
        try:
            path = log.record(new_path, log.entry(new, changes))
        except (OSError, DataFileError) as error:
            return trouble(f"{new_path}: cannot record the change: {error}")
        print(f"{path}: recorded version {new.version}", file=sys.stderr)
    return 1 if changes else EXIT_OK


def trouble(*lines: str) -> int:
    """Print why nothing could be done, and return the trouble exit code."""
    print(*lines, sep="\n", file=sys.stderr)
    return EXIT_TROUBLE


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per task."""
    parser = argparse.ArgumentParser(
        prog="lnst-api",
        description="Serve, check, export, import and compare a department's mandate (三定) data.",
        epilog="exit codes: 0 done, 1 invalid data file, 2 bad usage, 3 output not written; serve: 4 could not start "
        "or workers kept failing, 5 stopped with connections cut at the grace period; import and diff: see their --help",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    data_help = "the data file (default: LNST_DATA_PATH or the bundled data/lnst.yaml)"
    output_help = "write here instead of stdout"
    run = commands.add_parser(
        "serve",
        help="serve the API with uvicorn",
        description="Validate the data once, then serve exactly that snapshot; SIGHUP reloads the file (if valid), "
        "SIGTERM drains within LNST_GRACE_PERIOD.",
    )
    run.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    run.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    run.add_argument("--workers", type=int, default=1, help="worker processes (default: 1)")
    run.add_argument("--data", type=Path, default=None, help=data_help)
    run.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="one JSON line per request on stdout (default: LNST_ACCESS_LOG, else on)",
    )

    check = commands.add_parser(
        "validate",
        help="check a data file; exit 1 and list every problem if it is invalid",
        description="Check a data file; print each problem as PATH:LINE:COLUMN: field: message.",
    )
    check.add_argument("path", nargs="?", type=Path, default=None, help="the data file (default: the bundled data/lnst.yaml)")

    dump = commands.add_parser(
        "export",
        help="write the data as JSON, JSON-LD, CSV or a SQLite database",
        description="Write the data exactly as the API serves it: json (/v1/export), jsonld (/v1/export.jsonld), "
        "or csv (one table, with a byte-order mark and provenance columns); or sqlite: the tables the API is "
        "served from, with their foreign keys, as a database file (needs --output) that sqlite3 and Datasette open.",
    )
    dump.add_argument("--format", choices=sorted([*EXPORTS, SQLITE]), default="json", help="json (default), jsonld, csv, sqlite")
    dump.add_argument("--table", choices=CSV_TABLES, default="duties", help="the table for csv (default: duties)")
    dump.add_argument("--data", type=Path, default=None, help=data_help)
    dump.add_argument("-o", "--output", type=Path, default=None, help=output_help)

    document = commands.add_parser(
        "openapi", help="write the OpenAPI document", description="Write the OpenAPI document the server publishes."
    )
    document.add_argument("--data", type=Path, default=None, help=data_help)
    document.add_argument("-o", "--output", type=Path, default=None, help=output_help)

    contract = commands.add_parser(
        "schema", help="write the data file's JSON Schema", description="Write the JSON Schema of data/lnst.yaml."
    )
    contract.add_argument("-o", "--output", type=Path, default=None, help=output_help)
    add_import_parser(commands)
    add_diff_parser(commands)
    return parser


def add_diff_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """The `diff` sub-command."""
    compare = commands.add_parser(
        "diff",
        help="show what changed between two data files",
        description="Show what changed between two data files, duty by duty, division by division and item by "
        "item, plus leaders, dates, honours and address: added, removed, changed, with the text difference "
        "marked [-removed-]{+added+}.",
        epilog="exit codes, like diff(1): 0 the same, 1 different, 2 trouble",
    )
    compare.add_argument("old", type=Path, help="the earlier data file")
    compare.add_argument("new", type=Path, help="the later data file")
    compare.add_argument("--format", choices=["text", "json"], default="text", help="text (default) or json")
    compare.add_argument(
        "--record",
        action="store_true",
        help="when they differ, add NEW's version to the change log beside it (data/lnst.yaml: data/lnst.changes.yaml), "
        "which GET /v1/changes serves",
    )


def add_import_parser(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """The `import` sub-command."""
    reader = commands.add_parser(
        "import",
        help="turn a published 三定 text into a data file",
        description="Read a published 三定 text (UTF-8 or GB18030) and write a data file in data/lnst.yaml's schema: "
        "every official part as printed, with an empty editorial section. Every line that cannot be placed is "
        "listed on stderr as SOURCE:LINE: unplaced: reason: text.",
        epilog="exit codes: 0 every line placed, 1 text left unplaced (the rest is written), 2 trouble (nothing "
        "written), 3 output not written",
    )
    reader.add_argument("source", type=Path, help="the published text")
    reader.add_argument("--name", default=None, help="the department's name, when the text does not print it")
    reader.add_argument(
        "--onto",
        type=Path,
        default=None,
        help="an earlier data file: keep its division ids and every editorial entry whose cited text is unchanged",
    )
    reader.add_argument("-o", "--output", type=Path, default=None, help="write here instead of stdout")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.path or bundled_data_path())
    if args.command == "serve":
        return serve(args.host, args.port, args.workers, args.data, args.access_log)
    if args.command == "schema":
        return schema(args.output)
    if args.command == "diff":
        return diff(args.old, args.new, args.format, args.record)
    if args.command == "import":
        return import_source(args.source, args.output, args.name, args.onto)
    data_path = args.data or Settings().data_path
    if args.command == "export":
        return export(data_path, args.format, args.table, args.output)
    return openapi(data_path, args.output)


if __name__ == "__main__":
    sys.exit(main())
