"""``claimgraph serve``: the web app and REST API on 127.0.0.1."""

from __future__ import annotations

from typing import Annotated

import typer

from claimgraph.cli.options import DbOption
from claimgraph.cli.output import stderr_console
from claimgraph.errors import UsageError
from claimgraph.store.engine import DEFAULT_DB


def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; 127.0.0.1 keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8000,
    tile_url: Annotated[
        str, typer.Option("--tile-url", help="Optional map tiles, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    ] = "",
    tile_attribution: Annotated[str, typer.Option("--tile-attribution", help="Credit line for the tiles.")] = "",
    max_body: Annotated[int, typer.Option("--max-body", min=1024, help="Largest request body, in bytes.")] = 64 * 1024,
    threads: Annotated[
        int,
        typer.Option(
            "--threads",
            min=1,
            max=256,
            help="Worker threads for requests; the database pool holds one connection per thread (plus the exports).",
        ),
    ] = 32,
    insecure_cookies: Annotated[
        bool,
        typer.Option(
            "--insecure-cookies", help="Send session cookies over plain HTTP to other hosts (not needed on 127.0.0.1)."
        ),
    ] = False,
) -> None:
    """Serve the map, timeline, event, actor and document pages, the review queue and the REST API.

    Read-only until users are added (`claimgraph users add NAME --role analyst`). Binds
    127.0.0.1 unless --host says otherwise; put it behind HTTPS before exposing it. The
    OpenAPI document is at /openapi.json. When every worker thread is busy and no database
    connection comes free within 3 s, requests are answered 503 with Retry-After instead of
    waiting.

    Example: claimgraph serve --db claimgraph.db --port 8000
    """
    try:
        import uvicorn

        from claimgraph.web.app import Settings, create_app
    except ModuleNotFoundError as exc:
        raise UsageError(f"the web app needs {exc.name}: pip install 'claimgraph[web]'") from None

    settings = Settings(
        tile_url=tile_url,
        tile_attribution=tile_attribution,
        max_body=max_body,
        secure_cookies=not insecure_cookies,
        threads=threads,
    )
    app = create_app(db, settings)
    stderr_console().print(
        f"claimgraph: serving {db} at http://{host}:{port}/ (Ctrl-C to stop)", markup=False, highlight=False
    )
    uvicorn.run(app, host=host, port=port, log_level="warning")
