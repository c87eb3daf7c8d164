"""The ``diplograph`` command: a thin skin over the library."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, TypeVar

import click

from graph import __version__
from graph.errors import DiplographError

F = TypeVar("F", bound=Callable[..., Any])


def user_errors(func: F) -> F:
    """Turn library errors into one line on stderr and exit status 1 (no traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DiplographError as exc:
            raise click.ClickException(str(exc)) from exc
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise click.ClickException(f"{where}{exc.strerror or exc}") from exc

    return wrapper  # type: ignore[return-value]


@contextmanager
def interruptible(outdir: str) -> Iterator[None]:
    """Turn SIGINT and SIGTERM into a clean stop: the build's temporary files are removed,
    OUTDIR keeps its previous outputs, and the exit status is 130 or 143."""

    from graph.signals import Interrupted, request_stop, reset

    def stop(signum: int, _frame: object) -> None:
        request_stop(signum)

    reset()
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    except (Interrupted, KeyboardInterrupt) as exc:
        signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
        click.echo(f"Interrupted: {outdir} was left as it was before this build.", err=True)
        sys.exit(128 + int(signum))
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diplograph")
def cli() -> None:
    """Build a knowledge graph of actors, frameworks and agreed actions from diplomatic documents.

    Example: diplograph build communiques/ -o out && diplograph validate out
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("-o", "--outdir", default="diplograph-out", show_default=True, help="Folder to write the outputs into.")
@click.option(
    "--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False, path_type=str),
    help="Extra gazetteer (JSON Lines) adding or overriding entities; repeatable.",
)
@click.option(
    "--metadata", "metadata", multiple=True, type=click.Path(dir_okay=False, path_type=str),
    help="CSV with per-file date, issuer, title, identifier, type, source; repeatable.",
)
@click.option(
    "--format", "formats", multiple=True, type=click.Choice(["jsonld", "gexf", "graphml"]),
    help="Also write this format (graph.ttl, graph.trig and graph.nq are always written; gexf and graphml: "
    "the default view's network for Gephi, Cytoscape, yEd); repeatable.",
)
@click.option(
    "--store", "store", type=click.Path(file_okay=False, path_type=str),
    help="Also keep an embedded pyoxigraph store in this folder (a rebuild rewrites only changed graphs).",
)
@click.option("--no-page", is_flag=True, help="Do not write the network pages.")
@click.option(
    "--view", "views", multiple=True, type=click.Choice(["default", "actors", "frameworks"]),
    help="Network page to write: default (graph.html), actors (graph-actors.html), frameworks "
    "(graph-frameworks.html); repeatable. Default: default.",
)
@click.option(
    "--page-max-nodes", type=click.IntRange(min=1), default=5000, show_default=True,
    help="Most nodes a page holds (the best-linked ones are kept; the page says what was left out).",
)
@click.option("--strict", is_flag=True, help="Exit with status 1 when any file was skipped.")
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=None,
    help="Processes extracting documents (default: all cores; one runs in this process).",
)
@click.option("--no-cache", is_flag=True, help="Extract every document again, ignoring and not updating OUTDIR/.cache.")
@click.option("-q", "--quiet", is_flag=True, help="No progress on stderr.")
@click.option(
    "--shard", metavar="I/N", callback=lambda _c, _p, v: _shard(v),
    help="Build only the I-th of N disjoint slices of the inputs (join them with diplograph merge).",
)
@click.option(
    "--dask", "dask_address", metavar="ADDRESS",
    help="Run the extraction as tasks on the Dask cluster at ADDRESS (tcp://HOST:PORT; needs the [dask] extra).",
)
@user_errors
def build(
    paths: tuple[str, ...], outdir: str, gazetteers: tuple[str, ...], metadata: tuple[str, ...],
    formats: tuple[str, ...], store: str | None, no_page: bool, views: tuple[str, ...], page_max_nodes: int,
    strict: bool, jobs: int | None, no_cache: bool, quiet: bool, shard: tuple[int, int] | None,
    dask_address: str | None,
) -> None:
    """Build the graph of the documents under PATH... (files or folders).

    Folders are read recursively (.txt, .htm, .html); a file named explicitly is read
    whatever its extension. With no PATH, builds the bundled example.

    Example: diplograph build ../corpus/ -o diplograph-out
    """
    from graph.pipeline import build as build_graph
    from graph.progress import default_mode
    from graph.runner import default_jobs

    with interruptible(outdir):
        result = build_graph(
            paths, outdir=outdir, gazetteers=gazetteers, metadata=metadata, formats=formats, store=store,
            page=not no_page, views=views or ("default",), page_max_nodes=page_max_nodes,
            jobs=jobs or default_jobs(), cache=not no_cache, progress="quiet" if quiet else default_mode(),
            shard=shard, dask=dask_address,
        )
    built, skipped = len(result.documents), len(result.skipped)
    from_cache = f", {result.cached} from the cache" if result.cached else ""
    click.echo(f"Built {built} document{'s' if built != 1 else ''} into {outdir} ({skipped} skipped{from_cache})")
    click.echo(f"  entities  {result.entities}")
    left_out = f" ({result.unresolved} left out: agent not resolved)" if result.unresolved else ""
    click.echo(f"  actions   {result.actions}{left_out}")
    click.echo(f"  triples   {result.triples}")
    if result.store is not None:
        report = result.store
        click.echo(f"  store     {store}: {len(report.changed)} graphs written, {report.unchanged} unchanged, {len(report.removed)} removed")
    for item in result.skipped:
        click.echo(f"  skipped   {item.path}: {item.reason}")
    for doc in result.documents:
        for warning in doc.warnings:
            click.echo(f"  warning   {doc.source}: {warning}", err=True)
    if not result.ok:
        raise click.ClickException("no document was built, so nothing was written")
    if strict and result.skipped:
        raise click.ClickException(f"{len(result.skipped)} file(s) skipped (--strict); the outputs were written")


def _shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    index, _, count = value.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 1 <= int(index) <= int(count):
        raise click.BadParameter(f"{value!r} is not I/N with 1 <= I <= N (e.g. 2/4)")
    return int(index), int(count)


@cli.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False, path_type=str))
@click.option("-o", "--outdir", required=True, help="Folder to write the merged outputs into.")
@click.option(
    "--store", "store", type=click.Path(file_okay=False, path_type=str),
    help="Also keep an embedded pyoxigraph store in this folder in step with the merged graph.",
)
@user_errors
def merge(sources: tuple[str, ...], outdir: str, store: str | None) -> None:
    """Merge the outputs of several builds (the shards of build --shard I/N) into one.

    The result is byte for byte what one build of all the documents writes. The builds must
    have been made with the same diplograph, data and output options, and hold different
    documents.

    Example: diplograph merge out-1 out-2 out-3 -o out
    """
    from graph.merge import merge as merge_builds

    with interruptible(outdir):
        counts = merge_builds(sources, outdir, store=store)
    click.echo(f"Merged {len(sources)} builds into {outdir}: {counts['documents']} documents")
    click.echo(f"  entities  {counts['entities']}")
    click.echo(f"  actions   {counts['actions']}")
    click.echo(f"  triples   {counts['triples']}")


@cli.command()
@click.argument("target", type=click.Path(path_type=str))
@user_errors
def validate(target: str) -> None:
    """Check an OUTDIR (or one graph file) against the ontology's SHACL shapes and the offsets.

    Exit status 0 when everything holds, 1 with the list of problems otherwise.

    Example: diplograph validate diplograph-out
    """
    from graph.validate import validate as validate_graph

    report = validate_graph(target)
    if report.conforms:
        click.echo(f"{target}: valid ({report.triples} triples conform to the shapes)")
        return
    click.echo(f"{target}: {len(report.problems)} problem{'s' if len(report.problems) != 1 else ''}")
    for problem in report.problems:
        click.echo(f"  {problem}")
    sys.exit(1)


def _parse_params(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> dict[str, str]:
    """``NAME=VALUE`` pairs as a mapping; a pair without ``=`` or a name given twice is bad usage."""
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE (e.g. --param actor=Russia)", ctx, param)
        if name in params:
            raise click.BadParameter(f"{name} is given twice", ctx, param)
        params[name] = value
    return params


@cli.command()
@click.argument("target", type=click.Path(path_type=str))
@click.argument("sparql")
@click.option(
    "--param", "params", multiple=True, callback=_parse_params, metavar="NAME=VALUE",
    help="Bind ?NAME to the entity VALUE names (an id, a label, an acronym or an <IRI>); repeatable.",
)
@click.option("--csv", "as_csv", is_flag=True, help="SPARQL 1.1 CSV results.")
@click.option("--json", "as_json", is_flag=True, help="SPARQL 1.1 JSON results.")
@user_errors
def query(target: str, sparql: str, params: dict[str, str], as_csv: bool, as_json: bool) -> None:
    """Run SPARQL on an OUTDIR or a graph file.

    SPARQL is a .rq file, else the name of a shipped query (see diplograph queries),
    else SPARQL text. The default graph is the union of all named graphs; the prefixes
    dg:, actor:, framework:, document:, dcterms:, skos:, rdfs: and others are predeclared.

    \b
    Example: diplograph query diplograph-out actions-by-actor --param actor=Russia
    Example: diplograph query diplograph-out 'SELECT ?label WHERE { ?a a dg:Actor ; rdfs:label ?label }'
    """
    import pyoxigraph as ox

    from graph.query import format_table, query_text, run_query

    if as_csv and as_json:
        raise click.UsageError("choose one of --csv and --json")
    results = run_query(target, query_text(sparql), params)
    if isinstance(results, ox.QueryBoolean):
        click.echo("true" if bool(results) else "false")
    elif isinstance(results, ox.QueryTriples):
        from graph.writers import PREFIXES

        data = ox.serialize(results, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        click.echo(data.decode("utf-8"), nl=False)
    elif as_csv or as_json:
        fmt = ox.QueryResultsFormat.CSV if as_csv else ox.QueryResultsFormat.JSON
        click.echo((results.serialize(format=fmt) or b"").decode("utf-8"), nl=False)
    else:
        click.echo(format_table(results))


@cli.command()
@user_errors
def queries() -> None:
    """List the shipped queries (the cookbook) with the question each answers.

    Run one with diplograph query OUTDIR NAME [--param NAME=VALUE ...].

    Example: diplograph queries
    """
    from graph.cookbook import listing

    click.echo(listing())


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option("--jsonl", is_flag=True, help="One JSON record per line.")
@click.option(
    "--gazetteer", "gazetteers", multiple=True, type=click.Path(dir_okay=False, path_type=str),
    help="Extra gazetteer (JSON Lines); repeatable.",
)
@click.option(
    "--metadata", "metadata", multiple=True, type=click.Path(dir_okay=False, path_type=str),
    help="CSV giving the file's date, issuer, title ... as for build; repeatable.",
)
@user_errors
def extract(file: str, jsonl: bool, gazetteers: tuple[str, ...], metadata: tuple[str, ...]) -> None:
    """Show the records the extractors find in one document, with the rule behind each.

    Example: diplograph extract LVA_50_1995.txt --metadata speeches.csv --jsonl
    """
    from graph.pipeline import extract as extract_records

    records = extract_records(file, gazetteers=gazetteers, metadata=metadata).records()
    if jsonl:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False, sort_keys=True))
        return
    head = records[0]
    click.echo(f"{head['source']}: {head['title']!s} ({head['date'] or 'no date'})")
    for record in records[1:]:
        if record["kind"] == "action":
            negated = "not " if record["negated"] else ""
            what = f"{'+'.join(record['agents'])} {negated}{record['type']}: {record['object']!r}"
            click.echo(f"  {record['start']:>6}-{record['end']:<6} action  {what}  [{record['rule']}]")
            for part in record["parts"]:
                click.echo(f"  {part['start']:>6}-{part['end']:<6}   part  {part['object']!r}  [{part['rule']}]")
            continue
        label = record.get("label") or record["id"]
        click.echo(f"  {record['start']:>6}-{record['end']:<6} {record['kind']:<7} {label} {record.get('text', '')!r}  [{record['rule']}]")


@cli.command()
@click.argument("target", type=click.Path(path_type=str))
@click.option("--actions", "actions_file", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="CSV (or .tsv) file to write: one row per action and agent.")
@user_errors
def export(target: str, actions_file: str) -> None:
    """Export the agreed actions of an OUTDIR (or graph file) as event data.

    One row per action and agent (the dyadic form): date, document, identifier, action,
    agent id and label, co-agents, type, CAMEO code, object, frameworks, topics, negated,
    paragraph, evidence, offsets and the parent action of a list item.

    Example: diplograph export diplograph-out --actions actions.csv
    """
    from graph.export import export_actions

    count = export_actions(target, actions_file)
    click.echo(f"Wrote {count} row{'s' if count != 1 else ''} to {actions_file}")


@cli.command("load")
@click.argument("outdir", type=click.Path(path_type=str))
@click.option("--endpoint", metavar="URL",
              help="The store's Graph Store Protocol address: each graph is PUT to URL?graph=<IRI>.")
@click.option("--update", "update_url", metavar="URL",
              help="Instead, the store's SPARQL Update endpoint: each graph is dropped and inserted.")
@click.option("--auth", type=click.Choice(["basic", "digest"]), default="basic", show_default=True,
              help="HTTP authentication, with DIPLOGRAPH_USER and DIPLOGRAPH_PASSWORD or a netrc file.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True,
              metavar="SECONDS",
              help="Seconds to wait for each answer.")
@click.option("--retries", type=click.IntRange(min=0), default=3, show_default=True, metavar="N",
              help="Tries again after a 5xx answer or a failed connection, waiting longer each time.")
@user_errors
def load_command(outdir: str, endpoint: str | None, update_url: str | None, auth: str, timeout: float,
                 retries: int) -> None:
    """Load the named graphs of OUTDIR into a triple store over HTTP.

    Each document's graph and graph/shared are sent one by one, so loading again replaces
    them. --endpoint is the store's Graph Store Protocol address (Oxigraph
    http://HOST:7878/store, Fuseki http://HOST:3030/DATASET/data, GraphDB
    http://HOST:7200/repositories/REPO/rdf-graphs/service, Virtuoso
    http://HOST:8890/sparql-graph-crud-auth with --auth digest); --update URL sends SPARQL
    Update instead. Credentials come from DIPLOGRAPH_USER and DIPLOGRAPH_PASSWORD, or from
    the netrc file (NETRC, else ~/.netrc).

    \b
    Example: diplograph load diplograph-out --endpoint http://localhost:7878/store
    """
    from graph.load import load as load_graphs

    if (endpoint is None) == (update_url is None):
        raise click.UsageError("give one of --endpoint URL and --update URL")
    target = endpoint or update_url
    assert target is not None
    report = load_graphs(outdir, target, update=update_url is not None, auth="digest" if auth == "digest" else "basic",
                         timeout=timeout, retries=retries)
    click.echo(report.summary())


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="diplograph")
