# The ocr extra (in the test extra) brings rapidocr-onnxruntime, which needs opencv-python; its cv2 module
# links libGL, GLib and libxcb from the system (a desktop has them, a fresh server may not).
need=()
for pkg in libgl1 libglib2.0-0 libxcb1; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
apt_install "${need[@]}"
