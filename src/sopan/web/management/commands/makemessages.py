"""`makemessages` that also extracts the pure core's alias ``N(...)``.

The core and the CLI import ``gettext_noop as N`` from :mod:`sopan.i18n`; Django's own
command only passes ``--keyword=gettext_noop`` to xgettext, so ``N("...")`` would be missed.
Run it with ``make messages`` (it needs ``DJANGO_SETTINGS_MODULE`` so that this app is found).
"""

from __future__ import annotations

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=N"]
