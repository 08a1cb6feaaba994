#!/bin/sh
# ctest packaging/deb: builds the .deb with CPack from a build tree and checks its control fields
# (dependencies must be Debian 12 packages apt knows) and its files. With DOPT_TEST_INSTALL_DEB=1,
# as root with dpkg and apt-get, it also installs the package, runs /usr/bin/dremio-optimizer-cli
# --version and removes the package again.
# Usage: check-deb.sh BUILD_DIR VERSION      Exit 77 (skipped) when the programs are not built.
set -eu
build=$1
version=$2
for program in dremio-optimizer dremio-optimizer-cli; do
    if [ ! -x "$build/app/$program" ]; then
        echo "SKIP: $build/app/$program is not built (cmake --build $build first)"
        exit 77
    fi
done
command -v dpkg-deb >/dev/null || { echo "SKIP: dpkg-deb is not installed"; exit 77; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
if ! (cd "$build" && cpack -G DEB -B "$out" >"$out/cpack.log" 2>&1); then
    cat "$out/cpack.log"
    echo "FAIL: cpack could not build the package"
    exit 1
fi
deb=$(ls "$out"/*.deb | head -n 1)
echo "package: $(basename "$deb")"
dpkg-deb -I "$deb"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
field() { dpkg-deb -f "$deb" "$1"; }

[ "$(field Package)" = dremio-optimizer ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"

depends=$(field Depends)
# The SQL drivers are plugins dpkg-shlibdeps cannot see; the rest comes from the linked libraries.
for needed in libqt6sql6-sqlite libqt6sql6-psql libqt6core6 libqt6gui6 libqt6widgets6 libqt6charts6 libqt6sql6 libc6; do
    echo "$depends" | tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep -qx "$needed" || fail "Depends lacks $needed: $depends"
done
# Every dependency must be a package of this Debian release (apt knows it).
if command -v apt-cache >/dev/null; then
    for package in $(echo "$depends" | tr ',|' '\n\n' | sed 's/^ *//; s/ .*//' | sort -u); do
        apt-cache show "$package" >/dev/null 2>&1 || fail "dependency $package is not a known Debian package"
    done
fi

files=$(dpkg-deb -c "$deb")
for path in ./usr/bin/dremio-optimizer ./usr/bin/dremio-optimizer-cli \
    ./usr/share/applications/dremio-optimizer.desktop \
    ./usr/share/metainfo/io.github.dremio_optimizer.metainfo.xml \
    ./usr/share/icons/hicolor/scalable/apps/dremio-optimizer.svg \
    ./usr/share/icons/hicolor/16x16/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/22x22/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/24x24/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/32x32/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/48x48/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/64x64/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/128x128/apps/dremio-optimizer.png \
    ./usr/share/icons/hicolor/256x256/apps/dremio-optimizer.png; do
    echo "$files" | awk '{print $6}' | grep -qx "$path" || fail "the package lacks $path"
done

# The fixed-size app icons are real PNGs of their directory's size (width and height from the IHDR chunk).
tree="$out/tree"
dpkg-deb -x "$deb" "$tree"
for size in 16 22 24 32 48 64 128 256; do
    png="$tree/usr/share/icons/hicolor/${size}x${size}/apps/dremio-optimizer.png"
    [ -f "$png" ] || continue # already reported missing above
    [ "$(od -An -c -j1 -N3 "$png" | tr -d ' ')" = PNG ] || fail "$png is not a PNG file"
    dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8}')
    [ "$dims" = "${size}x${size}" ] || fail "$png is $dims, expected ${size}x${size}"
done

if [ "${DOPT_TEST_INSTALL_DEB:-0}" = 1 ]; then
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
        echo "SKIP install: needs root and apt-get"
    else
        cp "$deb" /tmp/dopt-test.deb
        if apt-get install -y /tmp/dopt-test.deb >"$out/install.log" 2>&1; then
            reply=$(/usr/bin/dremio-optimizer-cli --version) || fail "/usr/bin/dremio-optimizer-cli --version failed"
            echo "$reply"
            echo "$reply" | grep -q "^dremio-optimizer-cli $version" || fail "--version said: $reply"
            echo "$reply" | grep -q "SQL highlighting" || fail "--version does not name the SQL highlighter"
            apt-get remove -y dremio-optimizer >/dev/null 2>&1 || fail "could not remove the package"
        else
            cat "$out/install.log"
            fail "apt-get could not install the package"
        fi
        rm -f /tmp/dopt-test.deb
    fi
fi

[ "$failures" = 0 ] || exit 1
echo "OK"
