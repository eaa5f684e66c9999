#!/usr/bin/env python
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "weerthuis.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 - loads the settings, which check the environment
    except ImproperlyConfigured as refusal:
        # Django would carry on without settings and fail later with "Models aren't loaded yet", hiding why.
        sys.exit(f"Weer Thuis: {refusal}")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
