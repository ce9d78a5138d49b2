"""The WSGI application, for waitress/gunicorn behind a reverse proxy (see docs/web.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shuzhi.web.settings")
application = get_wsgi_application()
