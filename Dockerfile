# One image for web (gunicorn), worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    STATIC_ROOT=/app/staticfiles

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Collect static files at build time; the settings need a key and a database URL to load, neither is used.
RUN DEBUG=false SECRET_KEY=build-only DATABASE_URL=postgres://build@localhost/build \
    python manage.py collectstatic --noinput \
 && useradd --system --home /app weerthuis \
 && chown -R weerthuis /app

USER weerthuis
EXPOSE 8000
CMD ["gunicorn", "weerthuis.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
