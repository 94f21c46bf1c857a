import groovy.json.JsonSlurper

// A project with no code and no <handler>: the plugin's built-in JSON API handler is benched.
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.config.handler == 'io.github.allocbench.handlers.JsonApiHandler'
assert results.runs.size() == 1
def run = results.runs[0]
assert run.allocator == 'system'
assert run.status == 'ok' : "run is ${run.status}: ${run.failure}"
assert run.load.connectionsOpened == 100
assert run.load.requests > 0
assert run.load.errors == 0
assert new File(out, 'index.html').text.contains('io.github.allocbench.handlers.JsonApiHandler')
return true
