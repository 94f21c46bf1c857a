import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

assert results.runs*.allocator == ['system', 'glibc-arena2', 'glibc-failing']
results.runs.each { assert it.status == 'ok' : "run ${it.allocator} is ${it.status}: ${it.failure}" }
def byName = results.runs.collectEntries { [(it.allocator): it] }
assert byName['system'].validity == [valid: true, reasons: []] : "system: ${byName['system'].validity}"
assert byName['glibc-arena2'].validity.valid : "glibc-arena2: ${byName['glibc-arena2'].validity}"
def failing = byName['glibc-failing']
assert !failing.validity.valid
assert failing.validity.reasons.any { it ==~ /error rate 100(\.0)?% \([0-9,]+ errors\) is above maxErrorRate 1\.0%/ }

// No limits: the build succeeds and says which run does not count, and why.
assert log.contains('[glibc-failing] invalid, so it is neither ranked nor judged: error rate')
assert log =~ /glibc-failing\s+ok\s+invalid\s/
assert log.contains('glibc-failing invalid, not ranked or judged: error rate')
assert log.contains('BUILD SUCCESS')

// Its figures are shown but never marked best, however fast its 500s were.
def summary = new File(basedir, 'target/allocator-bench/summary.md').text
def row = summary.readLines().find { it.startsWith('| glibc-failing |') }
assert row.startsWith('| glibc-failing | ok | invalid | none |')
assert !row.contains('\u2605')
assert summary.contains('- glibc-failing invalid, not ranked or judged: error rate')
def report = new File(basedir, 'target/allocator-bench/index.html').text
assert report.contains('<tr class="ok invalid" data-run="glibc-failing">')
return true
