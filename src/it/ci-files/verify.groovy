import groovy.json.JsonSlurper

import javax.xml.parsers.DocumentBuilderFactory

// Two allocators, a limit no server can meet (peak RSS at most 1 MiB) and one every server meets, with
// failOnViolation=false: the CI files beside results.json say the same as results.json, and the job summary that an
// earlier step wrote keeps its text with summary.md appended.
def log = new File(basedir, 'build.log').text
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))

assert results.runs*.status == ['ok', 'ok']
assert results.runs.every { it.validity.valid }
def violated = results.checks.findAll { !it.passed }
assert violated*.allocator == ['system', 'jemalloc']
assert violated.every { it.metric == 'peakRss' }

// JUnit XML: a case per run and per check, one <failure> per violation carrying its sentence.
def suite = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(out, 'TEST-allocator-bench.xml')).documentElement
assert suite.tagName == 'testsuite'
assert suite.getAttribute('name') == 'allocator-bench'
assert suite.getAttribute('tests') == '6'
assert suite.getAttribute('failures') == '2'
assert suite.getAttribute('errors') == '0'
assert suite.getAttribute('skipped') == '0'
def nodes = suite.getElementsByTagName('testcase')
def cases = (0..<nodes.length).collect { nodes.item(it) }
def expected = [['allocator-bench.system', 'run'], ['allocator-bench.jemalloc', 'run']] +
        results.checks.collect { ["allocator-bench.${it.allocator}".toString(), "${it.metric} ${it.rule}".toString()] }
assert cases.collect { [it.getAttribute('classname'), it.getAttribute('name')] } == expected
assert expected.collect { it[1] }.toSet() == ['run', 'peakRss maximum', 'requestsPerSecond minimum'].toSet()
def failures = cases.findAll { it.getElementsByTagName('failure').length > 0 }
assert failures.collect { it.getElementsByTagName('failure').item(0).getAttribute('message') } == violated*.message
assert failures.every { it.getAttribute('name') == 'peakRss maximum' }

// Trend files in github-action-benchmark's shape, one entry per allocator and metric, values from results.json.
def smaller = new JsonSlurper().parse(new File(out, 'benchmark-smaller.json'))
def bigger = new JsonSlurper().parse(new File(out, 'benchmark-bigger.json'))
assert smaller instanceof List && bigger instanceof List
assert smaller.every { it.keySet().containsAll(['name', 'unit', 'value']) && it.value instanceof Number }
def peak = smaller.find { it.name == 'jemalloc peakNativeRss' }
assert peak.unit == 'MiB'
def jemalloc = results.runs.find { it.allocator == 'jemalloc' }
assert Math.abs(peak.value - jemalloc.summary.peakNativeRssKb / 1024.0) < 0.001
assert smaller.find { it.name == 'system p99Latency' }.unit == 'ms'
assert bigger*.name == ['system requestsPerSecond', 'jemalloc requestsPerSecond']
assert bigger*.unit == ['req/s', 'req/s']
assert Math.abs(bigger[1].value - jemalloc.load.requestsPerSecond) < 0.001

// The job summary: what the earlier step wrote, then summary.md, appended once.
def summary = new File(out, 'summary.md').text
def job = new File(basedir, 'step-summary.md').text
assert job == '### An earlier step\n\nIts own summary, which the bench must keep.\n\n' + summary
assert log.contains('Appended summary.md to the job summary GITHUB_STEP_SUMMARY=step-summary.md')
assert log.contains('BUILD SUCCESS')
return true
