import groovy.json.JsonSlurper

// mvn verify site: the bench runs in verify, then the site renders its results.json into a page in the site's skin
// and the full report beside it, without benching again.
def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))
assert results.runs*.status == ['ok', 'ok']

def page = new File(basedir, 'target/site/allocator-bench.html')
assert page.isFile()
def html = page.text
assert html.contains('Allocator bench: ')
assert html.contains('Peak native RSS')
assert html.contains('>system<') && html.contains('>jemalloc<')
// The figures are results.json's, formatted as the report formats them (whole MiB from 10 MiB to 1 GiB).
results.runs.each { run ->
    double mib = run.summary.peakRssKb / 1024.0
    assert mib >= 10 && mib < 1024
    String shown = String.format(Locale.ROOT, '%.0f MiB', mib)
    assert html.contains(shown) : "peak RSS of ${run.allocator} (${shown}) not on the page"
    double nativeMib = run.summary.peakNativeRssKb / 1024.0
    assert nativeMib >= 10 && nativeMib < 1024
    String nativeShown = String.format(Locale.ROOT, '%.0f MiB', nativeMib)
    assert html.contains(nativeShown) : "peak native RSS of ${run.allocator} (${nativeShown}) not on the page"
}
assert html.contains('Gate: all 2 checks passed.')
assert html.contains('href="allocator-bench/index.html"')

def full = new File(basedir, 'target/site/allocator-bench/index.html')
assert full.isFile()
assert full.text.contains('<svg')
assert new File(basedir, 'target/site/allocator-bench/results.json').isFile()

// One bench only: the site did not run it again.
assert log.findAll(/Benching /).size() == 1
assert log.contains('Allocator site report of ')
assert log.contains('BUILD SUCCESS')
return true
