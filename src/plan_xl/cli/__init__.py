"""The ``plan-xl`` command line.

Each command lives in its own module in this package and registers itself on
:data:`app`. :func:`main` is the console-script entry point: it turns every
unexpected failure into a short message in the user's language (exit code 2)
and writes the details to a log file, so no traceback reaches a finance officer.
"""

from __future__ import annotations

import importlib
import logging
import sys

import typer

from plan_xl.errors import PlanXlError, log_unexpected
from plan_xl.i18n import t

app = typer.Typer(
    name="plan-xl",
    help="plan-xl: sjablonen, controles en budgetoverzichten voor de digitale strategie "
    "in het meerjarenplan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _commands() -> None:
    # Keeps ``plan-xl <command>`` even while only one command module is installed.
    pass


# Command modules; each registers its commands on ``app`` when imported.
COMMAND_MODULES = ("template", "validate", "rules", "demo", "batch", "addin")


def _register_commands() -> None:
    for name in COMMAND_MODULES:
        try:
            importlib.import_module(f"{__name__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__name__}.{name}":
                raise


def main(argv: list[str] | None = None) -> None:
    _register_commands()
    try:
        app(args=argv, standalone_mode=True)
    except SystemExit:
        raise
    except PlanXlError as exc:
        typer.echo(exc.user_message(), err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        typer.echo(t("cli.interrupted"), err=True)
        sys.exit(130)
    except Exception as exc:  # last line of defence: no traceback for users
        log_path = log_unexpected(exc)
        typer.echo(t("cli.unexpected", None, log=str(log_path)), err=True)
        logging.shutdown()
        sys.exit(2)
