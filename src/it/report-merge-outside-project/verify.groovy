import groovy.json.JsonSlurper

import java.util.concurrent.TimeUnit

// allocator:report in a directory without a project: the merged report goes beside the inputs, never into a literal
// ${project.basedir} folder.
def plugin = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'plugin.coordinates'.text()
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def settings = new File(basedir, 'outside-settings.xml')
settings.text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def dir = new File(basedir, 'inputs')
def log = new File(basedir, 'outside-maven.log')
def maven = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath,
        '-Dmaven.repo.local=' + localRepositoryPath.absolutePath,
        '-Dallocbench.resultsFiles=ci-a/results.json,ci-b/results.json',
        plugin + ':report')
        .directory(dir).redirectErrorStream(true).redirectOutput(log).start()
assert maven.waitFor(120, TimeUnit.SECONDS) : "the report did not end; see ${log}"
assert maven.exitValue() == 0 : "see ${log}"

def out = new File(dir, 'allocator-report')
def merged = new JsonSlurper().parse(new File(out, 'results.json'))
assert merged.runs*.allocator.every { it.endsWith('@ci-a') || it.endsWith('@ci-b') }
assert new File(out, 'index.html').exists()
def stray = []
dir.eachFileRecurse { if (it.name.contains('${')) { stray << it } }
assert stray.isEmpty() : "unexpanded paths were written: ${stray}"
assert log.text.contains('Report of ' + merged.runs.size() + ' run(s)')
assert log.text.contains(out.canonicalPath + '/index.html')
return true
