// The second JDK of the machine; Maven's own JDK is the one running this script.
def temurin = new File('/usr/lib/jvm/temurin-25-jdk-amd64')
assert new File(temurin, 'bin/java').canExecute() : "this IT needs Temurin 25 at ${temurin}"
def mavenJdk = new File(System.getProperty('java.home')).canonicalPath
def feature = System.getProperty('java.specification.version')
assert feature == '17' : "this IT expects Maven to run on JDK 17, not ${feature}"

new File(basedir, 'toolchains.xml').text = """<?xml version="1.0" encoding="UTF-8"?>
<toolchains>
  <toolchain>
    <type>jdk</type>
    <provides>
      <version>17</version>
      <vendor>maven</vendor>
    </provides>
    <configuration>
      <jdkHome>${mavenJdk}</jdkHome>
    </configuration>
  </toolchain>
  <toolchain>
    <type>jdk</type>
    <provides>
      <version>25</version>
      <vendor>temurin</vendor>
    </provides>
    <configuration>
      <jdkHome>${temurin.canonicalPath}</jdkHome>
    </configuration>
  </toolchain>
</toolchains>
"""
return true
