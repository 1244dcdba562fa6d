# The self-check server (earlyid serve) as a small image: one static binary, run by a user
# that is not root, with its key file and spool in the volume /data.
#
#   docker build --build-arg VERSION=v1.0.0 -t earlyid .
#   docker run -d -p 127.0.0.1:8080:8080 -v earlyid:/data earlyid \
#     --recipient age1… --base-url https://check.example.org/ --trusted-proxy 172.16.0.0/12
#
# Arguments after the image name are serve's flags (earlyid serve --help). .ci/dockerfile
# runs this file's build stage and checks its result without a Docker engine, instruction
# by instruction: keep to the instructions it knows (it says which it does not).

FROM golang:1.26 AS build
ARG VERSION=
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
# No cgo: the binary needs no C library, so it runs on an image without one.
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.version=${VERSION}" -o out/earlyid ./cmd/earlyid
# The data folder, for the volume: a new volume takes the owner and mode of the folder it
# is mounted on, and serve writes its key file and spool there.
RUN mkdir -p out/root/data && chmod 0700 out/root/data

# Distroless "static": CA certificates, /etc/passwd with the user nonroot (65532), no shell.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /src/out/earlyid /earlyid
COPY --from=build --chown=65532:65532 /src/out/root/ /
USER 65532:65532
ENV EARLYID_DATA_DIR=/data
VOLUME /data
EXPOSE 8080
# No shell or curl to run a check with: earlyid asks /healthz itself.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 CMD ["/earlyid", "serve", "--healthcheck", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["/earlyid", "serve", "--addr", ":8080"]
