# lnst-api: the read-only API over the bundled data, as a non-root, read-only-root-filesystem container.
# The install steps are deploy/install.sh, which CI runs too (tests/test_package.py).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
# Dependencies first, in their own layer: it is rebuilt only when requirements.txt changes.
COPY requirements.txt deploy/install.sh ./
RUN ./install.sh deps /opt/lnst
COPY pyproject.toml README.md ./
COPY app ./app
COPY data ./data
RUN DIST=/tmp/dist ./install.sh app /opt/lnst \
    && /opt/lnst/bin/pip uninstall --yes --quiet pip

FROM ${PYTHON_IMAGE}
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin lnst
COPY --from=build /opt/lnst /opt/lnst
ENV PATH=/opt/lnst/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2).status != 200)"]
CMD ["lnst-api", "serve", "--host", "0.0.0.0", "--port", "8000"]
