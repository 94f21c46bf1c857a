import groovy.json.JsonSlurper

// The churn workload with a fixed, pre-touched heap: every run and sample carries native RSS, which is RSS minus the
// heap's resident part, here the committed heap (the rule for -Xms = -Xmx with AlwaysPreTouch), and the verdict,
// console and summary.md speak of native memory.
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.runs.size() == 4
results.runs.each { run ->
    assert run.status == 'ok' : "${run.allocator} #${run.trial} is ${run.status}: ${run.failure}"
    def s = run.summary
    assert s.peakNativeRssKb != null : "${run.allocator} #${run.trial} has no peakNativeRssKb"
    assert s.medianLoadNativeRssKb != null
    assert s.retainedNativeRssKb != null
    assert s.heapResidentSource == 'committed'
    def reported = run.samples.findAll { it.jvm != null && it.jvm.heapResidentKb != null }
    assert !reported.isEmpty()
    reported.each { sample ->
        assert sample.jvm.heapResidentSource == 'committed'
        assert sample.jvm.heapResidentKb == sample.jvm.heapCommittedKb
        assert sample.jvm.heapCommittedKb == 256 * 1024
        assert sample.nativeRssKb == sample.rssKb - sample.jvm.heapResidentKb
    }
    assert s.peakNativeRssKb == reported*.nativeRssKb.max()
    assert s.peakNativeRssKb > 0 && s.peakNativeRssKb < s.peakRssKb
    assert s.afterLoad.any { it.afterMs == -1 }
    // NMT's malloc total reaches results.json, and the allocator-governed part is it plus RSS outside NMT.
    def governed = run.samples.findAll { it.allocatorGovernedKb != null }
    assert !governed.isEmpty() : "${run.allocator} #${run.trial} has no allocatorGovernedKb"
    governed.each { sample ->
        assert sample.jvm.nmtMallocKb > 0
        // The heap is fixed and pre-touched here, so the native RSS NMT does not see is RSS minus NMT's total.
        assert sample.allocatorGovernedKb == sample.jvm.nmtMallocKb + sample.rssKb - sample.jvm.nmtCommittedKb
    }
    if (run.allocator == 'system') {
        // glibc's heap is trimmed at the end (trimAtEnd's default): the JVM reports it, and the RSS it gave back is
        // the difference of two real readings, never more than the native RSS there was.
        assert run.trim != null : "system #${run.trial} has no trim"
        assert run.trim.jvmSaid.startsWith('Trim native heap: RSS+Swap: ')
        assert run.trim.rssAfterKb != null
        assert run.trim.reclaimedKb == run.trim.rssBeforeKb - run.trim.rssAfterKb
        assert run.trim.nativeBeforeKb == run.trim.rssBeforeKb - 256 * 1024
        assert run.trim.reclaimedKb < run.trim.nativeBeforeKb
    } else {
        assert run.trim == null : "${run.allocator} is not glibc, but was trimmed: ${run.trim}"
    }
}
def log = new File(basedir, 'build.log').text
assert log.contains('Memory is ranked on native memory: RSS minus the Java heap\'s resident part')
assert log =~ /peak native memory/
assert log.contains('Recommendation: ')
def summary = new File(out, 'summary.md').text
assert summary.contains('peak native memory')
assert summary.contains('| Peak native |')
def csv = new File(out, 'samples.csv').readLines()
def header = csv[0].split(',').toList()
// Columns are only ever appended: the native ones after outsideNmtKb, then the server's JDK.
assert header.takeRight(5) == ['outsideNmtKb', 'nativeRssKb', 'nmtMallocKb', 'allocatorGovernedKb', 'jdk']
def firstNative = results.runs[0].samples.find { it.nativeRssKb != null }
assert csv.any { it.split(',', -1)[header.indexOf('nativeRssKb')] == "${firstNative.nativeRssKb}" }
def page = new File(out, 'index.html').text
assert page.contains('id="native-chart"')
assert page.contains('<h3>Given back after the load</h3>')
assert page.contains('id="governed-chart"')
assert page.contains('id="native-phase-table"')
assert page =~ /<td>Trim native heap: RSS\+Swap: [^<]+<\/td>/
assert log =~ /\[system #1\] trim of glibc's heap at the end gave back -?[0-9.,]+ [KMG]i?B of RSS: native RSS/
return true
