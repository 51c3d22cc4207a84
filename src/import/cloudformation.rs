//! CloudFormation templates (JSON or YAML, short-form tags already long): resources, their
//! conditions, and what they name through `Ref`, `Fn::GetAtt`, `Fn::Sub` and `DependsOn`.
//! SAM templates are expanded first ([`super::sam`]).

use super::model::{Parsed, Reference, Resource, Skipped};
use super::tree::Node;
use super::{ImportError, sam};
use crate::catalog::iac::IacKnowledge;
use std::collections::HashSet;

/// The SAM transform's name.
pub const SAM_TRANSFORM: &str = "AWS::Serverless-2016-10-31";

/// Is this tree a CloudFormation template?
pub fn looks_like(root: &Node) -> bool {
    root.get("Resources").is_some() || root.get("AWSTemplateFormatVersion").is_some()
}

/// Does the template use the SAM transform?
pub fn is_sam(root: &Node) -> bool {
    match root.get("Transform") {
        Some(t) => {
            t.text() == Some(SAM_TRANSFORM) || t.items().iter().any(|i| i.text() == Some(SAM_TRANSFORM))
        }
        None => false,
    }
}

/// Reads one template. `other_files` are the names of the other inputs, so that a nested stack
/// whose template is imported too is not drawn twice.
pub fn read(
    file: usize,
    name: &str,
    root: &Node,
    other_files: &[String],
    iac: &IacKnowledge,
) -> Result<Parsed, ImportError> {
    let resources = root
        .get("Resources")
        .ok_or_else(|| ImportError::whole(name, "a CloudFormation template needs a `Resources` section"))?;
    if resources.entries().is_empty() && !resources.is_null() && resources.text().is_some() {
        return Err(ImportError::at(
            name,
            resources.line,
            resources.col,
            "`Resources` must be a map of logical ids",
        ));
    }
    let params: HashSet<&str> = root
        .get("Parameters")
        .map_or_else(HashSet::new, |p| p.entries().iter().map(|(k, _)| k.as_str()).collect());
    let mut parsed = Parsed::default();
    // A logical id written twice: CloudFormation refuses the template; we read the last one.
    let mut last: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, (k, v)) in resources.entries().iter().enumerate() {
        if last.insert(k.as_str(), i).is_some() {
            parsed
                .warnings
                .push(format!("{}: logical id `{k}` is written twice; the last one is read", place(name, v)));
        }
    }
    let raw: Vec<(String, Node)> = resources
        .entries()
        .iter()
        .enumerate()
        .filter(|(i, (k, _))| last[k.as_str()] == *i)
        .map(|(_, e)| e.clone())
        .collect();
    let mut raw = raw;
    if is_sam(root) {
        sam::expand(root, &mut raw, iac, &mut parsed, file);
    }
    let known: HashSet<String> = raw
        .iter()
        .map(|(k, _)| k.clone())
        .chain(parsed.resources.iter().map(|r| r.address.clone()))
        .collect();
    let mut cx = Walk { known: &known, params: &params, name, warnings: Vec::new() };
    for (id, node) in &raw {
        let Some(rtype) = node.get("Type").and_then(Node::text) else {
            parsed.skipped.push(Skipped {
                file,
                address: id.clone(),
                rtype: String::new(),
                reason: "no `Type`: not a resource CloudFormation could create".into(),
            });
            cx.warnings.push(format!("{}: resource `{id}` has no `Type`", place(name, node)));
            continue;
        };
        if rtype == "AWS::CloudFormation::Stack"
            && let Some(url) = node.get("Properties").and_then(|p| p.get("TemplateURL")).and_then(Node::text)
            && let Some(f) = other_files.iter().find(|f| file_name(f) == file_name(url))
        {
            parsed.skipped.push(Skipped {
                file,
                address: id.clone(),
                rtype: rtype.to_string(),
                reason: format!("nested stack: its template {f} is imported too, resource by resource"),
            });
            continue;
        }
        let props = node.get("Properties").cloned().unwrap_or_else(|| super::tree::NULL.clone());
        let mut refs = Vec::new();
        let mut path = Vec::new();
        let sam_events = rtype == "AWS::Serverless::Function";
        for (k, v) in props.entries() {
            if sam_events && k == "Events" {
                continue;
            }
            path.push(k.clone());
            cx.walk(v, &mut path, &mut refs);
            path.pop();
        }
        if let Some(dep) = node.get("DependsOn") {
            for d in std::iter::once(dep).chain(dep.items()).filter_map(Node::text) {
                if known.contains(d) {
                    refs.push(Reference::at("DependsOn", d));
                } else {
                    cx.warnings.push(format!(
                        "{}: `{id}` depends on `{d}`, which is not a resource of this template",
                        place(name, dep)
                    ));
                }
            }
        }
        let condition = node
            .get("Condition")
            .and_then(Node::text)
            .map(|c| format!("created only when condition `{c}` holds"));
        parsed.resources.push(Resource {
            file,
            address: id.clone(),
            rtype: rtype.to_string(),
            props,
            refs,
            condition,
            line: node.line,
            col: node.col,
            implicit: None,
        });
    }
    for (address, r) in std::mem::take(&mut parsed.pending) {
        if let Some(res) = parsed.resources.iter_mut().find(|x| x.address == address) {
            res.refs.push(r);
        }
    }
    // SAM's implicit resources and event references go through the same checks.
    let mut warnings = cx.warnings;
    for r in &mut parsed.resources {
        r.refs.retain(|x| {
            let ok = known.contains(&x.target);
            if !ok {
                warnings.push(format!(
                    "{name}: `{}` names `{}`, which is not a resource of this template",
                    r.address, x.target
                ));
            }
            ok
        });
    }
    parsed.warnings.extend(warnings);
    Ok(parsed)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn place(name: &str, n: &Node) -> String {
    if n.line > 0 { format!("{name}:{}:{}", n.line, n.col) } else { name.to_string() }
}

struct Walk<'a> {
    known: &'a HashSet<String>,
    params: &'a HashSet<&'a str>,
    name: &'a str,
    warnings: Vec<String>,
}

impl Walk<'_> {
    fn target(&mut self, target: &str, at: &Node, path: &[String], out: &mut Vec<Reference>) {
        if self.known.contains(target) {
            out.push(Reference::at(&path.join("."), target));
        } else if !self.params.contains(target) && !target.starts_with("AWS::") {
            self.warnings.push(format!(
                "{}: reference to `{target}`, which is neither a resource nor a parameter of this template",
                place(self.name, at)
            ));
        }
    }

    fn walk(&mut self, n: &Node, path: &mut Vec<String>, out: &mut Vec<Reference>) {
        let entries = n.entries();
        if entries.len() == 1 {
            let (k, v) = &entries[0];
            match k.as_str() {
                "Ref" => {
                    if let Some(t) = v.text() {
                        self.target(t, v, path, out);
                    }
                    return;
                }
                "Fn::GetAtt" => {
                    let t = v
                        .text()
                        .map(|s| s.split('.').next().unwrap_or(s))
                        .or_else(|| v.items().first().and_then(Node::text));
                    if let Some(t) = t {
                        self.target(t, v, path, out);
                    }
                    return;
                }
                "Fn::Sub" => {
                    let (template, vars) = match v.text() {
                        Some(s) => (Some(s), None),
                        None => (v.items().first().and_then(Node::text), v.items().get(1)),
                    };
                    let local: HashSet<&str> = vars
                        .map_or_else(HashSet::new, |m| m.entries().iter().map(|(k, _)| k.as_str()).collect());
                    if let Some(s) = template {
                        for name in sub_names(s) {
                            if !local.contains(name) {
                                self.target(name, v, path, out);
                            }
                        }
                    }
                    if let Some(vars) = vars {
                        self.walk(vars, path, out);
                    }
                    return;
                }
                "Fn::ImportValue" | "Fn::FindInMap" | "Condition" => return,
                _ if k.starts_with("Fn::") => {
                    // Fn::If, Fn::Join, Fn::Select, ...: what they hold sits at the same path.
                    self.walk(v, path, out);
                    return;
                }
                _ => {}
            }
        }
        match &n.value {
            super::tree::Value::Seq(items) => items.iter().for_each(|i| self.walk(i, path, out)),
            super::tree::Value::Map(entries) => {
                for (k, v) in entries {
                    path.push(k.clone());
                    self.walk(v, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// The names a `Fn::Sub` string substitutes (`${Web}`, `${Db.Endpoint.Address}` → `Db`), not
/// the escaped `${!Literal}`.
pub fn sub_names(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find('}') else { break };
        let inner = &rest[..end];
        rest = &rest[end + 1..];
        if inner.starts_with('!') {
            continue;
        }
        let name = inner.split('.').next().unwrap_or(inner).trim();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::sub_names;

    #[test]
    fn sub_names_skip_literals_and_attributes() {
        assert_eq!(
            sub_names("arn:${AWS::Partition}:s3:::${Bucket}/* ${!Lit} ${Db.Endpoint.Address}"),
            vec!["AWS::Partition", "Bucket", "Db"]
        );
    }
}
