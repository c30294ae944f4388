#!/bin/sh
# Made the bundled exercise videos once (CI has no ffmpeg, so the files are committed):
# 320x180 H.264 baseline with faststart, 15 fps, no audio, a different test pattern each,
# the category and a seconds counter drawn on. Run from this folder to remake them.
set -eu
FONT=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
make() { # name seconds source extra-filters label
  ffmpeg -hide_banner -loglevel error -y -f lavfi -i "$3" -t "$2" \
    -vf "$4drawtext=fontfile=$FONT:text='$5':fontsize=26:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=8:x=(w-text_w)/2:y=h-text_h-14,drawtext=fontfile=$FONT:text='Glow exercise library':fontsize=12:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4:x=8:y=8,drawtext=fontfile=$FONT:text='%{eif\:t\:d}s':fontsize=14:fontcolor=yellow:box=1:boxcolor=black@0.5:boxborderw=4:x=w-text_w-8:y=8" \
    -an -c:v libx264 -profile:v baseline -level 3.0 -pix_fmt yuv420p -r 15 -crf 32 -preset veryslow -movflags +faststart "$1.mp4"
}
make legs 5 "testsrc2=size=320x180:rate=15" "" "LEGS"
make hinge 4 "smptebars=size=320x180:rate=15" "" "HINGE"
make push 6 "mandelbrot=size=320x180:rate=15" "" "PUSH"
make pull 5 "life=size=80x45:rate=15:mold=10:life_color=#00ff88:death_color=#102040:ratio=0.3" "scale=320:180:flags=neighbor," "PULL"
make core 4 "testsrc2=size=320x180:rate=15" "hue=h=140:s=1.5," "CORE"
make mobility 6 "gradients=size=320x180:rate=15:speed=0.05" "" "MOBILITY"
make cardio 5 "cellauto=size=320x180:rate=15:rule=110" "hue=h=300:s=2," "CARDIO"
make carry 4 "smptehdbars=size=320x180:rate=15" "hue=h=60," "CARRY"
