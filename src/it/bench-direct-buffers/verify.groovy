import groovy.json.JsonSlurper

def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))

assert results.config.jvmArgs.containsAll(['-XX:NativeMemoryTracking=summary', '-XX:+ExitOnOutOfMemoryError'])
assert results.runs.size() == 1
def run = results.runs[0]
assert run.status == 'ok' : "run ${run.allocator} is ${run.status}: ${run.failure}"
assert run.failedPhase == null

def samples = run.samples
assert samples*.phase.toSet() == ['idle', 'ramp', 'load', 'cooldown'] as Set
def withJvm = samples.findAll { it.jvm != null }
assert withJvm.size() >= 10 : "only ${withJvm.size()} of ${samples.size()} samples carry the JVM's view"
assert withJvm.every { it.jvm.nmtCommittedKb > 0 && it.jvm.heapCommittedKb > 0 }
assert withJvm.every { it.jvm.nmtCategoriesKb['Java Heap'] > 0 }
assert samples.any { it.pssKb != null && it.pssKb > 0 && it.privateDirtyKb > 0 }

def maxOf = { String phase, Closure field -> withJvm.findAll { it.phase == phase }.collect(field).max() }
def idleDirect = maxOf('idle') { it.jvm.directKb }
def loadDirect = maxOf('load') { it.jvm.directKb }
assert idleDirect != null && loadDirect != null
// The handler keeps up to 64 MiB of 64 KiB direct buffers: at least 16 MiB more under load than idle.
assert loadDirect >= idleDirect + 16 * 1024 : "direct buffers idle ${idleDirect} KiB, load ${loadDirect} KiB"
def idleOther = maxOf('idle') { it.jvm.nmtCategoriesKb['Other'] ?: 0 }
def loadOther = maxOf('load') { it.jvm.nmtCategoriesKb['Other'] ?: 0 }
assert loadOther >= idleOther + 16 * 1024 : "NMT Other idle ${idleOther} KiB, load ${loadOther} KiB"
assert samples.any { it.phase == 'load' && it.jvm != null && it.jvm.nmtCommittedKb != null }

assert run.summary.retainedRssKb != null
assert run.summary.returnedPercent != null
assert run.summary.outsideNmtKb != null
assert run.summary.phases.keySet() == ['idle', 'ramp', 'load', 'cooldown'] as Set

def csv = new File(out, 'samples.csv').readLines()
assert csv[0].split(',').toList().containsAll(['phase', 'rssKb', 'pssKb', 'directKb', 'nmtCommittedKb', 'outsideNmtKb'])
assert csv.size() == samples.size() + 1

def log = new File(basedir, 'build.log').text
assert log =~ /\[system\] sampler cost: [\d,]+ reads/
return true
