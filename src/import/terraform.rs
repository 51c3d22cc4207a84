//! Terraform's `terraform show -json` output, of a plan (`planned_values`, `resource_changes`,
//! `configuration`) or of a state (`values`): resources in modules to any depth, `count` and
//! `for_each` instances, and what each names. In a plan the names come from the configuration's
//! `references` (through module inputs and outputs); in a state, from values equal to another
//! resource's `id` or `arn`.

use super::ImportError;
use super::model::{Parsed, Reference, Resource, Skipped};
use super::tree::{Node, Value};
use std::collections::{HashMap, HashSet};

/// Plan or state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `terraform show -json PLANFILE`.
    Plan,
    /// `terraform show -json` of a state.
    State,
}

/// Is this a `terraform show -json` document, and which kind? `None` when it is not one.
pub fn kind_of(root: &Node) -> Option<Kind> {
    root.get("format_version")?;
    if root.get("planned_values").is_some()
        || root.get("resource_changes").is_some()
        || root.get("configuration").is_some()
    {
        Some(Kind::Plan)
    } else if root.get("values").is_some() || root.get("terraform_version").is_some() {
        Some(Kind::State)
    } else {
        None
    }
}

/// The `format_version` majors this reader knows.
pub const KNOWN_MAJORS: &[&str] = &["0", "1"];

/// Checks the format version.
pub fn check_version(name: &str, root: &Node) -> Result<(), ImportError> {
    let v = root.get("format_version").and_then(Node::text).unwrap_or("");
    let major = v.split('.').next().unwrap_or("");
    if KNOWN_MAJORS.contains(&major) {
        Ok(())
    } else {
        Err(ImportError::whole(
            name,
            format!(
                "Terraform JSON format_version `{v}`: this version reads {}.x only",
                KNOWN_MAJORS.join(".x and ")
            ),
        ))
    }
}

/// Splits an address on dots outside brackets and quotes.
pub fn segments(addr: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quoted, mut escaped, mut start) = (0i32, false, false, 0);
    for (i, c) in addr.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth -= 1,
            '.' if !quoted && depth == 0 => {
                out.push(&addr[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&addr[start..]);
    out
}

/// A segment without its instance key (`b[0]` → `b`, `a["x.y"]` → `a`), and the key.
fn split_key(seg: &str) -> (&str, &str) {
    match seg.find('[') {
        Some(i) => (&seg[..i], &seg[i..]),
        None => (seg, ""),
    }
}

/// A module instance address without instance keys (`module.a["x"].module.b[0]` → `module.a.module.b`).
fn config_path(module: &str) -> String {
    segments(module)
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| split_key(s).0)
        .collect::<Vec<_>>()
        .join(".")
}

#[derive(Default)]
struct ConfigModule {
    /// `aws_instance.web` → (attribute path, references).
    resources: HashMap<String, Vec<(String, Vec<String>)>>,
    /// Output name → references.
    outputs: HashMap<String, Vec<String>>,
    /// (module call, variable) → references, in this (the calling) module.
    inputs: HashMap<(String, String), Vec<String>>,
}

fn expressions(n: &Node, path: &mut Vec<String>, out: &mut Vec<(String, Vec<String>)>, depth: usize) {
    if depth > 32 {
        return;
    }
    match &n.value {
        Value::Map(entries) => {
            if let Some(refs) = n.get("references") {
                let r: Vec<String> = refs.items().iter().filter_map(Node::text).map(str::to_string).collect();
                if !r.is_empty() {
                    out.push((path.join("."), r));
                }
            }
            for (k, v) in entries {
                if k == "references" || k == "constant_value" {
                    continue;
                }
                path.push(k.clone());
                expressions(v, path, out, depth + 1);
                path.pop();
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| expressions(i, path, out, depth + 1)),
        _ => {}
    }
}

fn read_config(module: &Node, path: &str, out: &mut HashMap<String, ConfigModule>, depth: usize) {
    if depth > 32 {
        return;
    }
    let mut cm = ConfigModule::default();
    for r in module.get("resources").map(Node::items).unwrap_or_default() {
        let Some(addr) = r.get("address").and_then(Node::text) else { continue };
        let mut exprs = Vec::new();
        if let Some(e) = r.get("expressions") {
            expressions(e, &mut Vec::new(), &mut exprs, 0);
        }
        cm.resources.insert(addr.to_string(), exprs);
    }
    for (name, o) in module.get("outputs").map(Node::entries).unwrap_or_default() {
        let refs = o.get("expression").and_then(|e| e.get("references")).map(Node::items).unwrap_or_default();
        cm.outputs.insert(name.clone(), refs.iter().filter_map(Node::text).map(str::to_string).collect());
    }
    for (call, c) in module.get("module_calls").map(Node::entries).unwrap_or_default() {
        for (var, e) in c.get("expressions").map(Node::entries).unwrap_or_default() {
            let mut exprs = Vec::new();
            expressions(e, &mut Vec::new(), &mut exprs, 0);
            let refs: Vec<String> = exprs.into_iter().flat_map(|(_, r)| r).collect();
            cm.inputs.insert((call.clone(), var.clone()), refs);
        }
        if let Some(m) = c.get("module") {
            let child =
                if path.is_empty() { format!("module.{call}") } else { format!("{path}.module.{call}") };
            read_config(m, &child, out, depth + 1);
        }
    }
    out.insert(path.to_string(), cm);
}

struct Instance {
    /// Concrete module address (`module.a["x"]`, empty for the root).
    module: String,
    /// `aws_instance.web`.
    key: String,
    /// `[0]`, `["x"]` or empty.
    index: String,
}

struct Resolver<'a> {
    config: &'a HashMap<String, ConfigModule>,
    /// (concrete module, config key) → concrete addresses.
    by_key: HashMap<(String, String), Vec<(String, String)>>,
    /// Concrete module instances by their config path.
    modules: HashMap<String, Vec<String>>,
}

impl Resolver<'_> {
    /// The concrete addresses a reference string names, seen from `module` (concrete).
    fn resolve(&self, r: &str, module: &str, index: &str, depth: usize, out: &mut Vec<String>) {
        if depth > 16 {
            return;
        }
        let segs = segments(r);
        let cpath = config_path(module);
        match segs.first().map(|s| split_key(s).0) {
            Some("var") if segs.len() >= 2 => {
                // An input of this module: what the caller passes, in the caller's module.
                let msegs = segments(module);
                if msegs.len() < 2 {
                    return;
                }
                let call = split_key(msegs[msegs.len() - 1]).0;
                let parent = msegs[..msegs.len() - 2].join(".");
                let parent_cpath = config_path(&parent);
                let var = split_key(segs[1]).0;
                if let Some(refs) = self
                    .config
                    .get(&parent_cpath)
                    .and_then(|c| c.inputs.get(&(call.to_string(), var.to_string())))
                {
                    for x in refs {
                        self.resolve(x, &parent, "", depth + 1, out);
                    }
                }
            }
            Some("module") if segs.len() >= 3 => {
                let (call, key) = split_key(segs[1]);
                let output = split_key(segs[2]).0;
                let child_cpath = if cpath.is_empty() {
                    format!("module.{call}")
                } else {
                    format!("{cpath}.module.{call}")
                };
                let Some(refs) = self.config.get(&child_cpath).and_then(|c| c.outputs.get(output)) else {
                    return;
                };
                let prefix = if module.is_empty() {
                    format!("module.{call}")
                } else {
                    format!("{module}.module.{call}")
                };
                for inst in self.modules.get(&child_cpath).into_iter().flatten() {
                    let inst_key = &inst[prefix.len().min(inst.len())..];
                    let same_call =
                        inst.starts_with(&prefix) && (inst_key.is_empty() || inst_key.starts_with('['));
                    if same_call && (key.is_empty() || inst_key == key) {
                        for x in refs {
                            self.resolve(x, inst, "", depth + 1, out);
                        }
                    }
                }
            }
            Some("var" | "module" | "local" | "each" | "count" | "path" | "terraform" | "self" | "data")
            | None => {}
            Some(_) if segs.len() >= 2 => {
                let (name, key) = split_key(segs[1]);
                let ckey = format!("{}.{name}", segs[0]);
                let Some(list) = self.by_key.get(&(module.to_string(), ckey)) else { return };
                let chosen: Vec<&(String, String)> = if !key.is_empty() {
                    list.iter().filter(|(_, i)| i == key).collect()
                } else if !index.is_empty() && list.iter().any(|(_, i)| i == index) {
                    list.iter().filter(|(_, i)| i == index).collect()
                } else {
                    list.iter().collect()
                };
                out.extend(chosen.into_iter().map(|(a, _)| a.clone()));
            }
            Some(_) => {}
        }
    }
}

/// Reads one `terraform show -json` document.
pub fn read(file: usize, name: &str, root: &Node, kind: Kind) -> Result<Parsed, ImportError> {
    check_version(name, root)?;
    let mut parsed = Parsed::default();
    let values_root = match kind {
        Kind::Plan => root.get("planned_values").and_then(|v| v.get("root_module")),
        Kind::State => root.get("values").and_then(|v| v.get("root_module")),
    };
    // Every resource instance, with its module.
    let mut found: Vec<(Instance, Node, String, String)> = Vec::new();
    let mut stack: Vec<(&Node, usize)> = values_root.into_iter().map(|m| (m, 0)).collect();
    let mut modules: HashMap<String, Vec<String>> = HashMap::new();
    while let Some((m, depth)) = stack.pop() {
        if depth > 64 {
            parsed
                .warnings
                .push(format!("{name}: modules nested more than 64 deep; the deeper ones are not read"));
            continue;
        }
        let maddr = m.get("address").and_then(Node::text).unwrap_or("").to_string();
        modules.entry(config_path(&maddr)).or_default().push(maddr.clone());
        for r in m.get("resources").map(Node::items).unwrap_or_default() {
            let address = r.get("address").and_then(Node::text).unwrap_or("").to_string();
            let rtype = r.get("type").and_then(Node::text).unwrap_or("").to_string();
            let mode = r.get("mode").and_then(Node::text).unwrap_or("managed");
            if address.is_empty() || rtype.is_empty() {
                parsed.warnings.push(format!("{name}: a resource without an address or type was skipped"));
                continue;
            }
            if mode == "data" {
                parsed.skipped.push(Skipped {
                    file,
                    address,
                    rtype,
                    reason: "data source: reads existing infrastructure, creates nothing".into(),
                });
                continue;
            }
            let segs = segments(&address);
            let last = segs.last().copied().unwrap_or("");
            let (rname, index) = split_key(last);
            let key = format!("{rtype}.{rname}");
            let provider = r.get("provider_name").and_then(Node::text).unwrap_or("").to_string();
            let values = r.get("values").cloned().unwrap_or_else(|| super::tree::NULL.clone());
            found.push((
                Instance { module: maddr.clone(), key, index: index.to_string() },
                values,
                address,
                format!("{rtype}\u{0}{provider}"),
            ));
        }
        for c in m.get("child_modules").map(Node::items).unwrap_or_default() {
            stack.push((c, depth + 1));
        }
    }
    // What the plan deletes is not in planned_values: account for it.
    let present: HashSet<&str> = found.iter().map(|(_, _, a, _)| a.as_str()).collect();
    let mut deleted = Vec::new();
    for rc in root.get("resource_changes").map(Node::items).unwrap_or_default() {
        let address = rc.get("address").and_then(Node::text).unwrap_or("");
        let actions: Vec<&str> = rc
            .get("change")
            .and_then(|c| c.get("actions"))
            .map(Node::items)
            .unwrap_or_default()
            .iter()
            .filter_map(Node::text)
            .collect();
        if actions == ["delete"] && !present.contains(address) {
            deleted.push(Skipped {
                file,
                address: address.to_string(),
                rtype: rc.get("type").and_then(Node::text).unwrap_or("").to_string(),
                reason: "to be deleted by this plan".into(),
            });
        }
    }
    parsed.skipped.extend(deleted);
    let mut by_key: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
    for (inst, _, address, _) in &found {
        by_key
            .entry((inst.module.clone(), inst.key.clone()))
            .or_default()
            .push((address.clone(), inst.index.clone()));
    }
    let mut config = HashMap::new();
    if let Some(c) = root.get("configuration").and_then(|c| c.get("root_module")) {
        read_config(c, "", &mut config, 0);
    }
    let resolver = Resolver { config: &config, by_key, modules };
    // In a state, references are values equal to another resource's id or ARN.
    let mut ids: HashMap<String, String> = HashMap::new();
    if kind == Kind::State {
        for (_, values, address, _) in &found {
            for k in ["id", "arn"] {
                if let Some(v) = values.get(k).and_then(Node::text).filter(|v| v.len() >= 4) {
                    ids.entry(v.to_string()).or_insert_with(|| address.clone());
                }
            }
        }
    }
    for (inst, values, address, tp) in found {
        let rtype = tp.split('\u{0}').next().unwrap_or("").to_string();
        let mut refs: Vec<Reference> = Vec::new();
        let cpath = config_path(&inst.module);
        if let Some(exprs) = config.get(&cpath).and_then(|c| c.resources.get(&inst.key)) {
            for (path, rs) in exprs {
                let mut targets = Vec::new();
                for r in rs {
                    resolver.resolve(r, &inst.module, &inst.index, 0, &mut targets);
                }
                targets.sort();
                targets.dedup();
                for t in targets.into_iter().filter(|t| *t != address) {
                    refs.push(Reference::at(path, &t));
                }
            }
        }
        if kind == Kind::State {
            value_refs(&values, &ids, &address, &mut Vec::new(), &mut refs, 0);
        }
        parsed.resources.push(Resource {
            file,
            address,
            rtype,
            props: values,
            refs,
            condition: None,
            line: 0,
            col: 0,
            implicit: None,
        });
    }
    Ok(parsed)
}

fn value_refs(
    n: &Node,
    ids: &HashMap<String, String>,
    me: &str,
    path: &mut Vec<String>,
    out: &mut Vec<Reference>,
    depth: usize,
) {
    if depth > 32 {
        return;
    }
    match &n.value {
        Value::Text(s) => {
            if let Some(t) = ids.get(s)
                && t != me
                && !path.last().is_some_and(|p| p == "id" || p == "arn")
            {
                let p = path.join(".");
                if !out.iter().any(|r| r.path == p && r.target == *t) {
                    out.push(Reference::at(&p, t));
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| value_refs(i, ids, me, path, out, depth + 1)),
        Value::Map(entries) => {
            for (k, v) in entries {
                path.push(k.clone());
                value_refs(v, ids, me, path, out, depth + 1);
                path.pop();
            }
        }
        Value::Null => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_split_outside_quotes_and_brackets() {
        assert_eq!(
            segments(r#"module.a["x.y"].aws_instance.b[0]"#),
            vec!["module", r#"a["x.y"]"#, "aws_instance", "b[0]"]
        );
        assert_eq!(config_path(r#"module.a["x.y"].module.c[2]"#), "module.a.module.c");
    }
}
