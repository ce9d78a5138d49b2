# LibreOffice headless (no GUI): shuzhi converts .doc/.wps/.rtf/.odt reports to .docx with it,
# and tests/loaders/test_office.py makes those files with it from a .docx the test writes.
command -v soffice >/dev/null 2>&1 || apt_install libreoffice-writer-nogui
