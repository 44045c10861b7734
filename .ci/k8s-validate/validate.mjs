// Validates rendered Kubernetes manifests offline (.ci/check-k8s.sh):
//   node validate.mjs --documented <secret.example.yaml> <rendered.yaml>...
// Each rendered file is one overlay (`kubectl kustomize` output) and is checked on its own:
//   1. every built-in object against the Kubernetes API schema of its apiVersion/kind
//      (kubernetes-models), unknown field names included; Strimzi KafkaTopic by a structural check of its own; any other kind
//      is an error, so nothing reaches a cluster unchecked;
//   2. consistency between the objects: images, probe ports, Secret/ConfigMap references,
//      Service selectors and target ports, NetworkPolicy selectors and ports, HPA/PDB targets,
//      Ingress backends, the pod hardening every Deployment must have.
// Prints every problem found and exits 1 if there is any.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseAllDocuments } from "yaml";
import * as models from "kubernetes-models";
import { declarationOf, unknownFields } from "./unknown-fields.mjs";

const args = process.argv.slice(2);
const documented = [];
const rendered = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--documented") documented.push(args[++i]);
  else rendered.push(args[i]);
}
if (rendered.length === 0) {
  console.error("usage: node validate.mjs [--documented secret.example.yaml]... rendered.yaml...");
  process.exit(2);
}

function readObjects(file) {
  const objects = [];
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

// Secrets and ConfigMaps the operator creates: name -> keys (from the documentation's examples).
const external = new Map();
for (const file of documented) {
  for (const object of readObjects(file)) {
    const keys = new Set([...Object.keys(object.data ?? {}), ...Object.keys(object.stringData ?? {})]);
    external.set(`${object.kind}/${object.metadata.name}`, keys);
  }
}

// apiVersion + kind -> the kubernetes-models class that validates it.
function modelClass(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const groupKey = group === "" ? null
    : group.split(".").map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1))).join("");
  const versions = groupKey === null ? models : models[groupKey];
  return versions?.[version]?.[kind];
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KAFKA_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

function checkKafkaTopic(object, problem) {
  const name = object.metadata?.name ?? "";
  if (!DNS_SUBDOMAIN.test(name) || name.length > 253) problem(`metadata.name "${name}" is not a DNS-1123 subdomain`);
  if (!object.metadata?.labels?.["strimzi.io/cluster"]) problem("has no strimzi.io/cluster label: no Topic Operator would manage it");
  const spec = object.spec;
  if (typeof spec !== "object" || spec === null) return problem("has no spec");
  const known = new Set(["topicName", "partitions", "replicas", "config"]);
  for (const key of Object.keys(spec)) if (!known.has(key)) problem(`spec.${key} is not a KafkaTopic field`);
  if (spec.topicName !== undefined && (typeof spec.topicName !== "string" || !KAFKA_TOPIC_NAME.test(spec.topicName))) {
    problem(`spec.topicName "${spec.topicName}" is not a valid Kafka topic name`);
  }
  if (spec.topicName === undefined && !KAFKA_TOPIC_NAME.test(name)) problem(`metadata.name "${name}" is not a valid Kafka topic name`);
  for (const field of ["partitions", "replicas"]) {
    if (!Number.isInteger(spec[field]) || spec[field] < 1) problem(`spec.${field} must be an integer of at least 1, is ${JSON.stringify(spec[field])}`);
  }
  const config = spec.config ?? {};
  if (typeof config !== "object" || Array.isArray(config)) return problem("spec.config must be a map");
  for (const [key, value] of Object.entries(config)) {
    if (!/^[a-z]+(\.[a-z]+)*$/.test(key)) problem(`spec.config key "${key}" is not a topic setting name`);
    if (!["string", "number", "boolean"].includes(typeof value)) problem(`spec.config.${key} must be a scalar`);
  }
  for (const key of ["retention.ms", "retention.bytes", "min.insync.replicas"]) {
    if (config[key] !== undefined && !/^-?\d+$/.test(String(config[key]))) problem(`spec.config.${key} must be a whole number`);
  }
  if (config["min.insync.replicas"] !== undefined && Number(config["min.insync.replicas"]) > spec.replicas) {
    problem(`spec.config.min.insync.replicas (${config["min.insync.replicas"]}) exceeds spec.replicas (${spec.replicas}): no write could succeed`);
  }
  if (config["cleanup.policy"] !== undefined && !/^(delete|compact)(,(delete|compact))?$/.test(config["cleanup.policy"])) {
    problem(`spec.config.cleanup.policy "${config["cleanup.policy"]}" is neither delete nor compact`);
  }
}

function matches(selector, labels) {
  if (!selector) return false;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const { key, operator, values = [] } of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, key);
    if (operator === "In" && !(has && values.includes(labels[key]))) return false;
    if (operator === "NotIn" && has && values.includes(labels[key])) return false;
    if (operator === "Exists" && !has) return false;
    if (operator === "DoesNotExist" && has) return false;
  }
  return true;
}
const isEmptySelector = (selector) => !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);

function validateOverlay(file) {
  const overlay = basename(file).replace(/\.ya?ml$/, "");
  const problems = [];
  const objects = readObjects(file);
  const id = (o) => `${o.kind}/${o.metadata?.name}`;
  const problemOf = (object) => (message) => problems.push(`${overlay}: ${id(object)}: ${message}`);

  // --- 1: schemas ---------------------------------------------------------------------------
  const seen = new Set();
  for (const object of objects) {
    const problem = problemOf(object);
    if (!object.apiVersion || !object.kind || !object.metadata?.name) {
      problems.push(`${overlay}: an object without apiVersion, kind or metadata.name: ${JSON.stringify(object).slice(0, 120)}`);
      continue;
    }
    const key = `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
    if (seen.has(key)) problem("is rendered twice");
    seen.add(key);
    if (object.kind === "KafkaTopic" && object.apiVersion.startsWith("kafka.strimzi.io/")) {
      checkKafkaTopic(object, problem);
      continue;
    }
    const Model = modelClass(object.apiVersion, object.kind);
    if (!Model) {
      problem(`${object.apiVersion} ${object.kind} is no Kubernetes API kind this check knows; add a check for it`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      const details = error.errors?.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ") ?? error.message;
      problem(`fails the ${object.apiVersion} ${object.kind} schema: ${details}`);
    }
    const declaration = declarationOf(object.apiVersion, object.kind);
    if (!declaration) problem(`has no field list to check against (kubernetes-models ${object.apiVersion}/${object.kind}.d.ts)`);
    else for (const field of unknownFields(object, declaration)) problem(`has a field the API does not know: ${field.slice(1)}`);
  }

  // --- 2: consistency -----------------------------------------------------------------------
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const rendered = new Map(objects.filter((o) => o.kind === "Secret" || o.kind === "ConfigMap")
    .map((o) => [id(o), new Set([...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})])]));
  const workloads = byKind("Deployment").map((d) => ({
    deployment: d,
    namespace: d.metadata.namespace,
    labels: d.spec?.template?.metadata?.labels ?? {},
    pod: d.spec?.template?.spec ?? {},
  }));
  const podsMatching = (selector, namespace) => workloads.filter((w) => w.namespace === namespace && matches(selector, w.labels));
  const portNames = (w) => new Set(w.pod.containers?.flatMap((c) => (c.ports ?? []).map((p) => p.name)).filter(Boolean));
  const portNumbers = (w) => new Set(w.pod.containers?.flatMap((c) => (c.ports ?? []).map((p) => p.containerPort)));
  const hasPort = (w, port) => (typeof port === "string" && !/^\d+$/.test(port) ? portNames(w).has(port) : portNumbers(w).has(Number(port)));

  function checkReference(problem, kind, name, key, where) {
    const keys = rendered.get(`${kind}/${name}`) ?? external.get(`${kind}/${name}`);
    if (!keys) return problem(`${where} names ${kind} "${name}", which is neither rendered nor documented (secret.example.yaml)`);
    if (key !== undefined && !keys.has(key)) problem(`${where} names key "${key}" of ${kind} "${name}", which has no such key`);
  }

  for (const w of workloads) {
    const d = w.deployment;
    const problem = problemOf(d);
    if (!matches(d.spec?.selector, w.labels)) problem("spec.selector does not match its own pod template labels");
    const pod = w.pod;
    const podSecurity = pod.securityContext ?? {};
    if (pod.automountServiceAccountToken !== false) problem("mounts a service account token it does not need (automountServiceAccountToken: false)");
    const volumes = new Map((pod.volumes ?? []).map((v) => [v.name, v]));
    for (const v of pod.volumes ?? []) {
      if (v.secret) checkReference(problem, "Secret", v.secret.secretName, undefined, `volume ${v.name}`);
      if (v.configMap) checkReference(problem, "ConfigMap", v.configMap.name, undefined, `volume ${v.name}`);
    }
    for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
      const where = `container ${c.name}`;
      if (!c.image || /^\s*$/.test(c.image)) problem(`${where} has no image`);
      else if (!/[:@]/.test(c.image.split("/").pop())) problem(`${where} image "${c.image}" has no tag or digest`);
      const names = new Set((c.ports ?? []).map((p) => p.name).filter(Boolean));
      const numbers = new Set((c.ports ?? []).map((p) => p.containerPort));
      for (const probeName of ["startupProbe", "livenessProbe", "readinessProbe"]) {
        const probe = c[probeName];
        if (!probe) {
          problem(`${where} has no ${probeName}`);
          continue;
        }
        const port = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
        if (port === undefined) continue;
        const ok = typeof port === "string" && !/^\d+$/.test(port) ? names.has(port) : numbers.has(Number(port));
        if (!ok) problem(`${where} ${probeName} port ${JSON.stringify(port)} is no port of the container`);
      }
      const security = c.securityContext ?? {};
      if (security.runAsNonRoot !== true && podSecurity.runAsNonRoot !== true) problem(`${where} may run as root (runAsNonRoot)`);
      if (security.allowPrivilegeEscalation !== false) problem(`${where} allows privilege escalation`);
      if (security.readOnlyRootFilesystem !== true) problem(`${where} has a writable root filesystem`);
      if (!(security.capabilities?.drop ?? []).includes("ALL")) problem(`${where} does not drop ALL capabilities`);
      if ((security.seccompProfile ?? podSecurity.seccompProfile)?.type !== "RuntimeDefault") problem(`${where} has no RuntimeDefault seccomp profile`);
      if (security.readOnlyRootFilesystem === true) {
        const tmp = (c.volumeMounts ?? []).find((m) => m.mountPath === "/tmp");
        if (!tmp || !volumes.get(tmp.name)?.emptyDir) problem(`${where} has a read-only root filesystem but no emptyDir on /tmp`);
      }
      for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) problem(`${where} mounts volume "${m.name}", which the pod does not have`);
      const resources = c.resources ?? {};
      if (!resources.requests?.memory || !resources.limits?.memory) problem(`${where} has no memory request and limit`);
      if (!resources.requests?.cpu) problem(`${where} has no CPU request`);
      for (const e of c.env ?? []) {
        const secret = e.valueFrom?.secretKeyRef;
        const config = e.valueFrom?.configMapKeyRef;
        if (secret) checkReference(problem, "Secret", secret.name, secret.key, `${where} env ${e.name}`);
        if (config) checkReference(problem, "ConfigMap", config.name, config.key, `${where} env ${e.name}`);
      }
      for (const source of c.envFrom ?? []) {
        if (source.secretRef) checkReference(problem, "Secret", source.secretRef.name, undefined, `${where} envFrom`);
        if (source.configMapRef) checkReference(problem, "ConfigMap", source.configMapRef.name, undefined, `${where} envFrom`);
      }
    }
  }

  for (const s of byKind("Service")) {
    const problem = problemOf(s);
    if (isEmptySelector(s.spec?.selector ? { matchLabels: s.spec.selector } : undefined)) {
      problem("has no selector");
      continue;
    }
    const pods = podsMatching({ matchLabels: s.spec.selector }, s.metadata.namespace);
    if (pods.length === 0) {
      problem(`selector ${JSON.stringify(s.spec.selector)} matches no Deployment's pods`);
      continue;
    }
    for (const p of s.spec.ports ?? []) {
      const target = p.targetPort ?? p.port;
      for (const w of pods) {
        if (!hasPort(w, target)) problem(`port ${p.name ?? p.port}: targetPort ${JSON.stringify(target)} is no port of Deployment/${w.deployment.metadata.name}'s pods`);
      }
    }
  }

  for (const n of byKind("NetworkPolicy")) {
    const problem = problemOf(n);
    const selected = isEmptySelector(n.spec?.podSelector) ? workloads.filter((w) => w.namespace === n.metadata.namespace)
      : podsMatching(n.spec.podSelector, n.metadata.namespace);
    if (!isEmptySelector(n.spec?.podSelector) && selected.length === 0) problem(`spec.podSelector ${JSON.stringify(n.spec.podSelector)} matches no pods`);
    const peersOf = (peer) => (peer.podSelector && !peer.namespaceSelector && !isEmptySelector(peer.podSelector)
      ? podsMatching(peer.podSelector, n.metadata.namespace) : null);
    for (const [direction, rules, peersKey] of [["ingress", n.spec?.ingress ?? [], "from"], ["egress", n.spec?.egress ?? [], "to"]]) {
      rules.forEach((rule, index) => {
        const peers = rule[peersKey] ?? [];
        const destinations = [];
        for (const peer of peers) {
          const pods = peersOf(peer);
          if (pods === null) continue;
          if (pods.length === 0) problem(`${direction}[${index}] ${peersKey} podSelector ${JSON.stringify(peer.podSelector)} matches no pods`);
          destinations.push(...pods);
        }
        // A named port must exist on the pods the traffic goes to.
        const targets = direction === "ingress" ? selected : destinations;
        for (const p of rule.ports ?? []) {
          if (typeof p.port === "string" && !/^\d+$/.test(p.port) && targets.length > 0 && !targets.some((w) => portNames(w).has(p.port))) {
            problem(`${direction}[${index}] names port "${p.port}", which none of its pods has`);
          }
        }
      });
    }
  }

  const replicasOf = (w) => {
    const hpa = byKind("HorizontalPodAutoscaler").find((h) => h.metadata.namespace === w.namespace && h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec.scaleTargetRef.name === w.deployment.metadata.name);
    const replicas = Number(hpa ? hpa.spec.minReplicas ?? 1 : w.deployment.spec?.replicas ?? 1);
    return Number.isInteger(replicas) ? replicas : 1;
  };

  for (const h of byKind("HorizontalPodAutoscaler")) {
    const problem = problemOf(h);
    const ref = h.spec?.scaleTargetRef ?? {};
    const target = workloads.find((w) => w.namespace === h.metadata.namespace && ref.kind === "Deployment" && w.deployment.metadata.name === ref.name);
    if (!target) {
      problem(`scaleTargetRef ${ref.kind}/${ref.name} is not rendered`);
      continue;
    }
    if ((h.spec.minReplicas ?? 1) > h.spec.maxReplicas) problem("minReplicas exceeds maxReplicas");
    for (const m of h.spec.metrics ?? []) {
      const resource = m.resource?.name;
      if (m.type === "Resource" && m.resource?.target?.type === "Utilization"
          && target.pod.containers.some((c) => !c.resources?.requests?.[resource])) {
        problem(`scales on ${resource} utilization, but a container of ${ref.name} has no ${resource} request`);
      }
    }
  }

  for (const b of byKind("PodDisruptionBudget")) {
    const problem = problemOf(b);
    const pods = podsMatching(b.spec?.selector, b.metadata.namespace);
    if (pods.length === 0) {
      problem(`selector ${JSON.stringify(b.spec?.selector)} matches no Deployment's pods`);
      continue;
    }
    const replicas = pods.reduce((sum, w) => sum + replicasOf(w), 0);
    if (typeof b.spec.minAvailable === "number" && b.spec.minAvailable >= replicas) {
      problem(`minAvailable ${b.spec.minAvailable} with ${replicas} replica(s) blocks every drain`);
    }
    if (b.spec.maxUnavailable !== undefined && replicas < 2) problem(`guards ${replicas} replica: it would block every drain`);
  }

  for (const i of byKind("Ingress")) {
    const problem = problemOf(i);
    const backends = [i.spec?.defaultBackend, ...(i.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
    for (const backend of backends) {
      if (!backend.service) continue;
      const service = byKind("Service").find((s) => s.metadata.namespace === i.metadata.namespace && s.metadata.name === backend.service.name);
      if (!service) {
        problem(`backend Service "${backend.service.name}" is not rendered`);
        continue;
      }
      const port = backend.service.port ?? {};
      if (!(service.spec.ports ?? []).some((p) => (port.name !== undefined ? p.name === port.name : p.port === port.number))) {
        problem(`backend port ${JSON.stringify(port)} is no port of Service "${service.metadata.name}"`);
      }
    }
  }

  console.log(`${overlay}: ${objects.length} objects${problems.length === 0 ? ", no problems" : `, ${problems.length} problem(s)`}`);
  return problems;
}

let problems = [];
for (const file of rendered) {
  try {
    problems = problems.concat(validateOverlay(file));
  } catch (error) {
    problems.push(`${file}: ${error.message}`);
  }
}
for (const problem of problems) console.error(`  ${problem}`);
process.exit(problems.length === 0 ? 0 : 1);
