# replylint serve for one office, or as one of several stateless replicas behind a load balancer.
# The install step is the README's own (`pip install .`), which CI runs on every change.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY . .
RUN pip install . \
    && rm -rf /src \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin replylint

USER replylint
WORKDIR /home
EXPOSE 8081

# /healthz is 200 once a checker is warm (rule packs and both NLP pipelines loaded)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8081/healthz', timeout=4).status != 200)"]

# In a container the port must be reachable from outside it: hence --host 0.0.0.0 --allow-remote.
# Add `--token-file /run/secrets/replylint-token` (a mounted secret) when the network is shared.
ENTRYPOINT ["replylint", "serve", "--host", "0.0.0.0", "--allow-remote", "--port", "8081"]
CMD ["--workers", "1"]
