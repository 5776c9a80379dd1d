"""``sicoach serve``: start the web app (local mode on this computer, or a server with accounts)."""

from __future__ import annotations

import ipaddress

import typer

from sicoach.cli.common import fail, out

__all__ = ["serve"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", "-h", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="Worker processes."),
) -> None:
    """Start the web app and print its address."""
    import uvicorn

    from sicoach.settings import get_settings
    from sicoach.web import ConfigurationError, create_app
    from sicoach.web.server import NoDelayH11Protocol

    settings = get_settings()
    if settings.mode == "local" and not _is_loopback(host):
        fail(
            f"local mode has no login, so it only listens on this computer, not on {host}. "
            "Use --host 127.0.0.1, or set SICOACH_MODE=server (with accounts) to serve others."
        )
    try:
        app = create_app(settings)  # checks the settings and brings the database up to date
    except ConfigurationError as exc:
        fail(str(exc))
    shown = f"[{host}]" if ":" in host else host
    out.print(f"sicoach is running at [bold]http://{shown}:{port}[/]  (press Ctrl-C to stop)")
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning", http=NoDelayH11Protocol)
    else:
        uvicorn.run(
            "sicoach.web.app:create_app_from_environment",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            http=NoDelayH11Protocol,
        )
