# Java for the Spark tests (shuzhi corpus, tests/spark): pyspark 4 needs Java 17 or newer.
# On Debian 12 default-jre-headless is OpenJDK 17 (apt-cache policy: 2:1.17-74); newer releases bring 21.
command -v java >/dev/null 2>&1 || apt_install default-jre-headless
