#!/usr/bin/env python3
"""A client that talks to a pilotmq manager the way QCG-PilotJob's Python API does.

It mirrors what `qcg.pilotjob.api.manager.Manager` and `qcg.pilotjob.api.job.Jobs` put on the wire: a ZMQ
REQ socket with one JSON request per frame (`json.dumps`, so `", "` / `": "` separators), replies read with
`json.loads`, `code != 0` turned into "Request failed - <message>", a SUB socket subscribed to the IFI, JFI
and NOJ topics, and job descriptions converted from the simple (`Jobs.add`) to the standard format.

Usage: qcg_client.py <manager address> <working dir>. Prints one JSON summary on stdout.
"""
import json
import os
import sys
import time
import uuid

import zmq

FINAL = ('SUCCEED', 'FAILED', 'CANCELED', 'OMITTED')


class RequestFailed(Exception):
    pass


class Jobs:
    """The simple-to-standard conversion of QCG's Jobs.add / add_std (jobs.md §13)."""

    TOP = {'name': (str,), 'exec': (str,), 'script': (str,), 'args': (list, str), 'stdin': (str,), 'stdout': (str,),
           'stderr': (str,), 'wd': (str,), 'modules': (list, str), 'venv': (str,), 'model': (str,),
           'numNodes': (int, dict), 'numCores': (int, dict), 'wt': (str,), 'iteration': (int, dict),
           'after': (list, str)}

    def __init__(self):
        self._jobs = []

    def add(self, **attrs):
        attrs.setdefault('name', str(uuid.uuid4()))
        for key, value in attrs.items():
            if key not in self.TOP:
                raise ValueError('Unknown attribute {}'.format(key))
            if not isinstance(value, self.TOP[key]):
                raise ValueError('Invalid attribute {} type {}'.format(key, type(value)))
        if ('exec' in attrs) == ('script' in attrs):
            raise ValueError("exactly one of 'exec' and 'script'")
        std = {'name': attrs['name'], 'execution': {}}
        if 'exec' in attrs:
            std['execution']['exec'] = attrs['exec']
        else:
            std['execution']['script'] = attrs['script']
        for key in ('args', 'stdin', 'stdout', 'stderr', 'wd', 'modules', 'venv', 'model'):
            if key in attrs:
                std['execution'][key] = attrs[key]
        resources = {}
        for key in ('numCores', 'numNodes'):
            if key in attrs:
                resources[key] = {'exact': attrs[key]} if isinstance(attrs[key], int) else attrs[key]
        if 'wt' in attrs:
            resources['wt'] = attrs['wt']
        if resources:
            std['resources'] = resources
        if 'iteration' in attrs:
            it = attrs['iteration']
            std['iteration'] = {'start': 0, 'stop': it} if isinstance(it, int) else it
        if 'after' in attrs:
            after = attrs['after']
            std['dependencies'] = {'after': [after] if isinstance(after, str) else after}
        self._jobs.append(std)
        return self

    def add_std(self, std):
        if 'execution' not in std or ('exec' not in std['execution'] and 'script' not in std['execution']):
            raise ValueError('Missing "execution/exec" key')
        self._jobs.append(std)
        return self

    def ordered_jobs(self):
        return list(self._jobs)


class Manager:
    def __init__(self, address):
        self.ctx = zmq.Context()
        self.req = self.ctx.socket(zmq.REQ)
        self.req.setsockopt(zmq.LINGER, 0)
        self.req.setsockopt(zmq.RCVTIMEO, 30000)
        self.req.connect(address)
        self.events = []
        system = self.system_status()['System']
        self.instance_id = system.get('InstanceId')
        self.host = system.get('Host')
        self.publisher = system.get('StatusPublisher')
        self.sub = None
        if self.publisher:
            self.sub = self.ctx.socket(zmq.SUB)
            self.sub.setsockopt(zmq.LINGER, 0)
            self.sub.connect(self.publisher)
            for topic in ('IFI', 'JFI', 'NOJ'):
                self.sub.setsockopt_string(zmq.SUBSCRIBE, topic)
            self.poller = zmq.Poller()
            self.poller.register(self.sub, zmq.POLLIN)

    # -- requests, as Manager._send_and_validate_result does them
    def _send(self, data, need_data=True):
        self.req.send(str.encode(json.dumps(data)))
        reply = json.loads(bytes.decode(self.req.recv()))
        if not isinstance(reply, dict) or 'code' not in reply:
            raise RuntimeError('Invalid reply from the service')
        if reply['code'] != 0:
            raise RequestFailed('Request failed - {}'.format(reply.get('message')))
        if need_data:
            if 'data' not in reply:
                raise RuntimeError('Invalid reply from the service')
            return reply['data']
        return reply

    def system_status(self):
        return self._send({'request': 'status'})

    def resources(self):
        return self._send({'request': 'resourcesInfo'})

    def submit(self, jobs):
        data = self._send({'request': 'submit', 'jobs': jobs.ordered_jobs()})
        if 'submitted' not in data or 'jobs' not in data:
            raise RuntimeError('Missing response data')
        return data['jobs']

    def list(self):
        return self._send({'request': 'listJobs'})['jobs']

    def status(self, names):
        return self._send({'request': 'jobStatus', 'jobNames': list(names)})

    def info(self, names, **kwargs):
        req = {'request': 'jobInfo', 'jobNames': list(names)}
        if kwargs:
            req['params'] = kwargs
        return self._send(req)

    def remove(self, names):
        return self._send({'request': 'removeJob', 'jobNames': list(names)})

    def cancel(self, names):
        return self._send({'request': 'cancelJob', 'jobNames': list(names)})

    def finish(self):
        return self._send({'request': 'finish'})

    # -- events
    def _pump(self, timeout_ms):
        """Receive events for up to timeout_ms; returns the decoded ones."""
        got = []
        if not self.sub:
            return got
        deadline = time.time() + timeout_ms / 1000.0
        while True:
            left = int((deadline - time.time()) * 1000)
            if left <= 0:
                break
            if not self.poller.poll(left):
                break
            msg = self.sub.recv_string()
            topic, body = msg.split(' ', 1)
            event = {'topic': topic, 'raw': msg, 'data': json.loads(body)}
            self.events.append(event)
            got.append(event)
        return got

    def finished_ids(self):
        out = {}
        for e in self.events:
            if e['topic'] in ('JFI', 'IFI'):
                d = e['data']
                name = '{}:{}'.format(d['job'], d['it']) if d.get('it') is not None else d['job']
                out[name] = d['state']
        return out

    def wait4(self, names, timeout=60):
        """Like Manager.wait4: poll jobStatus, then wait for JFI/IFI events."""
        not_finished = set(names)
        result = {}
        deadline = time.time() + timeout
        while not_finished:
            if time.time() > deadline:
                raise RuntimeError('timeout waiting for {}'.format(sorted(not_finished)))
            for name, entry in self.status(sorted(not_finished))['jobs'].items():
                if entry['status'] != 0 or 'data' not in entry:
                    raise RuntimeError("Missing job's {} data".format(name))
                if entry['data']['status'] in FINAL:
                    not_finished.discard(name)
                    result[name] = entry['data']['status']
            if not_finished:
                self._pump(500)
                for name, state in self.finished_ids().items():
                    if name in not_finished:
                        not_finished.discard(name)
                        result[name] = state
        return result

    def wait4all(self, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self._send({'request': 'status', 'options': {'allJobsFinished': True}}).get('AllJobsFinished') is True:
                return True
            self._pump(500)
        raise RuntimeError('timeout in wait4all')

    def drain_until(self, names, timeout=15):
        """Keep receiving until a JFI/IFI was seen for every name (events may trail the status replies)."""
        deadline = time.time() + timeout
        while time.time() < deadline and not set(names) <= set(self.finished_ids()):
            self._pump(200)


def main():
    address, wd = sys.argv[1], sys.argv[2]
    os.chdir(wd)
    summary = {}
    m = Manager(address)
    summary['instance_id'] = m.instance_id
    summary['host'] = m.host
    summary['publisher'] = m.publisher

    # slow joiner: make sure the subscription is live before the real work (probe jobs until an event arrives)
    probes = []
    for attempt in range(20):
        name = 'py_probe_{}'.format(attempt)
        probes.append(name)
        m.submit(Jobs().add(name=name, exec='/bin/true'))
        m._pump(1000)
        if any(e['topic'] == 'JFI' for e in m.events):
            break
    m.wait4(probes)
    m.remove(probes)
    m.events.clear()

    jobs = Jobs()
    jobs.add(name='py_date', exec='/bin/date', args=['+%Y'], stdout='py_date.out')
    jobs.add(name='py_iter', exec='/bin/sh', args=['-c', 'echo ${it} > py_iter_${it}.out'], iteration=3, numCores=1)
    jobs.add(name='py_script', script='echo script-ok > py_script.out', after='py_date', numCores=1, wt='10m')
    jobs.add(name='py_fail', exec='/bin/sh', args=['-c', 'exit 2'], numCores={'min': 1, 'max': 2})
    jobs.add_std({'name': 'py_std', 'execution': {'exec': '/bin/echo', 'args': ['std'], 'stdout': 'py_std.out'},
                  'resources': {'numCores': {'exact': 2}}})
    summary['sent_jobs'] = jobs.ordered_jobs()
    names = m.submit(jobs)
    summary['submitted'] = names
    summary['wait4'] = m.wait4(names)
    summary['wait4_iterations'] = m.wait4(['py_iter:0', 'py_iter:1', 'py_iter:2'])
    m.drain_until(names + ['py_iter:0', 'py_iter:1', 'py_iter:2'])
    summary['status'] = m.status(names)
    summary['info'] = m.info(['py_iter', 'py_fail'], withChilds=True)
    summary['list'] = m.list()
    summary['resources'] = m.resources()
    summary['files'] = {}
    for f in ('py_date.out', 'py_iter_0.out', 'py_iter_2.out', 'py_script.out', 'py_std.out'):
        with open(f) as fh:
            summary['files'][f] = fh.read()

    errors = {}
    try:
        m.submit(Jobs().add(name='py_iter', exec='/bin/true'))
    except RequestFailed as exc:
        errors['duplicate'] = str(exc)
    try:
        m.submit(Jobs().add(name='py_args', exec='/bin/echo', args='not-a-list'))
    except RequestFailed as exc:
        errors['args_string'] = str(exc)
    try:
        m.status(['nope'])
    except RequestFailed as exc:
        errors['status_unknown'] = str(exc)
    summary['errors'] = errors

    summary['remove'] = m.remove(['py_date'])

    m.submit(Jobs().add(name='py_sleep', exec='sleep', args=['30']))
    while m.status(['py_sleep'])['jobs']['py_sleep']['data']['status'] != 'EXECUTING':
        time.sleep(0.05)
    summary['cancel'] = m.cancel(['py_sleep'])
    summary['wait4_cancel'] = m.wait4(['py_sleep'])
    summary['wait4all'] = m.wait4all()
    m.drain_until(['py_sleep'])
    summary['events'] = [e['raw'] for e in m.events]
    summary['finish'] = m.finish()
    print(json.dumps(summary))


if __name__ == '__main__':
    main()
