#!/usr/bin/env bash
# Smoke test of the real app: open an example project in a real window under Xvfb (Mesa's
# software OpenGL), let the app write its own screenshot (`--screenshot OUT.png FILE`), and check
# that the PNG has the expected size and is not blank. Needs xvfb, Mesa and ImageMagick (installed
# by .ci/run) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=target/release/srm-planner
OUT=${SMOKE_OUT:-$(mktemp -d)}
mkdir -p "$OUT"
export XDG_RUNTIME_DIR="$OUT/xdg"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# A free display number.
DISPLAY_NUM=99
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do
    DISPLAY_NUM=$((DISPLAY_NUM + 1))
done
Xvfb ":$DISPLAY_NUM" -screen 0 2000x1200x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] && break
    sleep 0.1
done
export DISPLAY=":$DISPLAY_NUM"
# No Wayland in CI: make winit use X11 even if the runner sets WAYLAND_DISPLAY.
unset WAYLAND_DISPLAY

shoot() { # size project
    local size=$1 project=$2 png
    png="$OUT/$(basename "$project" .ron)-$size.png"
    SRM_SCREENSHOT_SIZE=$size timeout 120 "$BIN" --screenshot "$png" "$project"
    local got
    got=$(identify -format '%wx%h' "$png")
    if [ "$got" != "$size" ]; then
        echo "FAIL: $png is $got, expected $size" >&2
        exit 1
    fi
    # Not blank: many distinct colours and real contrast.
    local colours spread
    colours=$(convert "$png" -format '%k' info:)
    spread=$(convert "$png" -colorspace Gray -format '%[fx:standard_deviation*1000]' info: | cut -d. -f1)
    if [ "$colours" -lt 64 ] || [ "$spread" -lt 20 ]; then
        echo "FAIL: $png looks blank ($colours colours, grey spread $spread/1000)" >&2
        exit 1
    fi
    echo "ok: $png $got, $colours colours, grey spread $spread/1000"
}

shoot 1280x800 saved/three-tier-web-app.ron
shoot 1920x1080 saved/ecs-fargate-workers.ron
