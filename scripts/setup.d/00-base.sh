# Debian packages every test run needs: chromium (the dashboard is tested in a
# real browser) and a CJK font (PDFs made by the tests and the screenshots).
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
apt_install "${need[@]}"
