import groovy.json.JsonSlurper

// Two results files, labelled by default after their directories, merged into target/allocator-report.
def out = new File(basedir, 'target/allocator-report')
def merged = new JsonSlurper().parse(new File(out, 'results.json'))
def names = merged.runs*.allocator
assert names == ['system@machine-a', 'jemalloc@machine-a', 'mimalloc@machine-a', 'tcmalloc@machine-a',
                 'system@machine-b', 'jemalloc@machine-b'] : names

def html = new File(out, 'index.html').text
def expect = { String text -> assert html.contains(text) : "index.html lacks: $text" }
expect('<tr class="ok" data-run="system@machine-a">')
expect('<tr class="ok" data-run="jemalloc@machine-b">')
expect('This report merges 2 results files')
expect('<code>Intel(R) Xeon(R) CPU @ 2.20GHz</code>')
expect('<code>AMD EPYC 7B13</code>')
// The best is compared with the system run of its own machine.
expect('tcmalloc@machine-a had the lowest peak RSS, 488 MiB, 97.7 MiB (16.7%) less than system@machine-a')
expect('data-allocator="jemalloc@machine-b"')
expect('href="../../machine-a/logs/system-1.log"')

def md = new File(out, 'summary.md').text
assert md.contains('| system@machine-b | ok |') : md
assert md.contains('Merged from: `machine-a`') : md
assert new File(out, 'samples.csv').readLines().any { it.startsWith('jemalloc@machine-b,1,') }

// The inputs are left as they were.
assert !new File(basedir, 'machine-a/index.html').exists()
def log = new File(basedir, 'build.log').text
assert log.contains('Read ' + new File(basedir, 'machine-b/results.json').canonicalPath + ' as machine-b')
assert log.contains('Report of 6 run(s), 4 ok:')

// The CI files of the merged result: a JUnit case per run, trends only from the runs that completed.
def junit = new File(out, 'TEST-allocator-bench.xml').text
assert junit.contains('<testsuite name="allocator-bench" tests="6" failures="0" errors="1" skipped="1"')
assert junit.contains('<testcase classname="allocator-bench.mimalloc@machine-a" name="run" time="0"><error')
def smaller = new JsonSlurper().parse(new File(out, 'benchmark-smaller.json'))
assert smaller.find { it.name == 'tcmalloc@machine-a peakRss' }.value == 488.281
assert smaller*.name.collect { it.split(' ')[0] }.unique() == ['system@machine-a', 'tcmalloc@machine-a',
                                                               'system@machine-b', 'jemalloc@machine-b']
def bigger = new JsonSlurper().parse(new File(out, 'benchmark-bigger.json'))
assert bigger*.name == ['system@machine-a requestsPerSecond', 'tcmalloc@machine-a requestsPerSecond',
                        'system@machine-b requestsPerSecond', 'jemalloc@machine-b requestsPerSecond']
assert log.contains('Left out of the trend files, having no valid run: jemalloc@machine-a: trial 1 skipped, ')
return true
