# syntax=docker/dockerfile:1
# vecrun runtime image: the vecrun binary on Debian slim with the Vulkan loader, for the job
# recipes in docs/distributed.md (Kubernetes, AWS Batch, Slurm with a container runtime).
#   docker build -t vecrun:0.1.0 .
#   docker run --rm --gpus all -v "$PWD/specs:/specs:ro" -v "$PWD/out:/out" vecrun:0.1.0 \
#     run /specs/x.vspec --out /out/x --quiet
# Without a GPU (or with only a software adapter) vecrun falls back to its CPU backend.

# ---- build: the Rust toolchain (rust-version 1.88 in Cargo.toml; edition 2024) -------------------
FROM rust:1.88-bookworm AS build
WORKDIR /src
COPY . .
# Cache mounts keep the crate registry and the target dir between builds (BuildKit); the binary is
# copied out of the cached target dir, which is not part of the image layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin vecrun \
    && install -m 0755 target/release/vecrun /usr/local/bin/vecrun

# ---- runtime: Debian slim, the binary, the Vulkan loader -----------------------------------------
FROM debian:bookworm-slim
# libvulkan1: the Vulkan loader wgpu opens at run time. The GPU driver's Vulkan ICD comes from the
# host (the NVIDIA container toolkit mounts it). Versions are not pinned (hadolint DL3008): the
# bookworm tag fixes the release, and pinned Debian versions vanish from the mirror at point releases.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvulkan1 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/vecrun /usr/local/bin/vecrun
# The NVIDIA container toolkit reads these to decide what it mounts into the container.
# `compute` and `utility` give the CUDA driver libraries and nvidia-smi; `graphics` is what brings
# the NVIDIA Vulkan ICD (nvidia_icd.json and libGLX_nvidia), without which the Vulkan loader finds
# no GPU and vecrun (wgpu over Vulkan) runs on the CPU. `all` exposes every GPU the runtime grants
# (Kubernetes' device plugin then limits it to the requested nvidia.com/gpu).
ENV NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,graphics,utility \
    XDG_RUNTIME_DIR=/tmp/vecrun-runtime
# A non-root user with a fixed uid/gid (the Kubernetes manifests run as 10001 and set fsGroup).
RUN groupadd --system --gid 10001 vecrun \
    && useradd --system --uid 10001 --gid vecrun --home-dir /work --create-home --shell /usr/sbin/nologin vecrun \
    && install -d -m 0700 -o vecrun -g vecrun /tmp/vecrun-runtime
USER 10001:10001
WORKDIR /work
ENTRYPOINT ["vecrun"]
CMD ["--help"]
