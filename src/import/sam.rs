//! AWS SAM: `Globals` merged into each serverless resource, and function events turned into
//! references from their sources (a queue feeds the function) or into the resources SAM creates
//! for them (the implicit `ServerlessRestApi`, a schedule's rule). Which event names its source
//! where is catalog data (`iac.sam_events`).

use super::model::{Parsed, Reference, Resource};
use super::tree::{Node, Value};
use crate::catalog::iac::{FlowDirection, IacKnowledge};

/// The `Globals` section each SAM type takes its defaults from.
fn globals_key(rtype: &str) -> Option<&'static str> {
    Some(match rtype {
        "AWS::Serverless::Function" => "Function",
        "AWS::Serverless::Api" => "Api",
        "AWS::Serverless::HttpApi" => "HttpApi",
        "AWS::Serverless::SimpleTable" => "SimpleTable",
        "AWS::Serverless::StateMachine" => "StateMachine",
        "AWS::Serverless::LayerVersion" => "LayerVersion",
        _ => return None,
    })
}

/// `base` with `over` on top: maps merge key by key, anything else is replaced.
fn merged(base: &Node, over: &Node) -> Node {
    match (&base.value, &over.value) {
        (Value::Map(b), Value::Map(o)) => {
            let mut out = b.clone();
            for (k, v) in o {
                match out.iter_mut().find(|(bk, _)| bk == k) {
                    Some((_, bv)) => *bv = merged(bv, v),
                    None => out.push((k.clone(), v.clone())),
                }
            }
            Node { value: Value::Map(out), line: over.line, col: over.col }
        }
        _ => over.clone(),
    }
}

/// Applies `Globals` to the raw resources, and adds the references and implicit resources that
/// function events make (into `parsed`).
pub fn expand(root: &Node, raw: &mut [(String, Node)], iac: &IacKnowledge, parsed: &mut Parsed, file: usize) {
    let globals = root.get("Globals");
    for (_, node) in raw.iter_mut() {
        let Some(rtype) = node.get("Type").and_then(Node::text) else { continue };
        let Some(g) = globals_key(rtype).and_then(|k| globals?.get(k)) else { continue };
        let props = node.get("Properties").cloned().unwrap_or_else(|| Node {
            value: Value::Map(Vec::new()),
            line: 0,
            col: 0,
        });
        let props = merged(g, &props);
        if let Value::Map(entries) = &mut node.value {
            match entries.iter_mut().find(|(k, _)| k == "Properties") {
                Some((_, p)) => *p = props,
                None => entries.push(("Properties".into(), props)),
            }
        }
    }
    let ids: std::collections::HashSet<String> = raw.iter().map(|(k, _)| k.clone()).collect();
    let mut implicit: Vec<Resource> = Vec::new();
    let mut event_refs: Vec<(String, Reference)> = Vec::new();
    for (fname, node) in raw.iter() {
        if node.get("Type").and_then(Node::text) != Some("AWS::Serverless::Function") {
            continue;
        }
        let Some(events) = node.get("Properties").and_then(|p| p.get("Events")) else { continue };
        for (ename, ev) in events.entries() {
            let kind = ev.get("Type").and_then(Node::text).unwrap_or("");
            let Some(rule) = iac.sam_events.iter().find(|r| r.kinds.iter().any(|k| k == kind)) else {
                parsed.warnings.push(format!(
                    "{}: SAM event `{ename}` of `{fname}` has type `{kind}`, which the catalog does not know; no connection drawn",
                    at(ev)
                ));
                continue;
            };
            let label = Some(rule.label.clone()).filter(|l| !l.is_empty());
            let props = ev.get("Properties");
            let named: Vec<String> =
                props.and_then(|p| p.get(&rule.source)).map(|n| targets(n, &ids)).unwrap_or_default();
            if !named.is_empty() {
                for t in named {
                    event_refs.push((
                        fname.clone(),
                        Reference {
                            path: format!("Events.{ename}"),
                            target: t,
                            flow: Some(FlowDirection::ToReferrer),
                            label: label.clone(),
                        },
                    ));
                }
                continue;
            }
            let Some((id, rtype)) = &rule.implicit else {
                parsed.warnings.push(format!(
                    "{}: SAM event `{ename}` of `{fname}` names no source; no connection drawn",
                    at(ev)
                ));
                continue;
            };
            let address = if id.is_empty() { format!("{fname}{ename}") } else { id.clone() };
            if !ids.contains(&address) && !implicit.iter().any(|r| r.address == address) {
                let why = if id.is_empty() {
                    format!("created by SAM for the {kind} event `{ename}` of `{fname}`")
                } else {
                    format!(
                        "created by SAM for the {kind} events of functions that name no API (first: `{fname}`)"
                    )
                };
                implicit.push(Resource {
                    file,
                    address: address.clone(),
                    rtype: rtype.clone(),
                    props: props.cloned().unwrap_or_else(|| super::tree::NULL.clone()),
                    refs: Vec::new(),
                    condition: None,
                    line: ev.line,
                    col: ev.col,
                    implicit: Some(why),
                });
            }
            event_refs.push((
                fname.clone(),
                Reference {
                    path: format!("Events.{ename}"),
                    target: address,
                    flow: Some(FlowDirection::ToReferrer),
                    label,
                },
            ));
        }
    }
    parsed.resources.extend(implicit);
    // The function resources are read later; their event references wait in `pending`.
    parsed.pending.extend(event_refs);
}

fn at(n: &Node) -> String {
    if n.line > 0 { format!("line {}:{}", n.line, n.col) } else { "template".into() }
}

/// The resources a value names (`!Ref Q`, `!GetAtt Q.Arn`, `!Sub ${Q}`), among `ids`.
fn targets(n: &Node, ids: &std::collections::HashSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        for (k, v) in n.entries() {
            let t = match k.as_str() {
                "Ref" => v.text().map(str::to_string),
                "Fn::GetAtt" => v
                    .text()
                    .map(|s| s.split('.').next().unwrap_or(s).to_string())
                    .or_else(|| v.items().first().and_then(Node::text).map(str::to_string)),
                _ => None,
            };
            match t {
                Some(t) if ids.contains(&t) => out.push(t),
                Some(_) => {}
                None => {
                    if k == "Fn::Sub" {
                        let s = v.text().or_else(|| v.items().first().and_then(Node::text)).unwrap_or("");
                        out.extend(
                            super::cloudformation::sub_names(s)
                                .into_iter()
                                .filter(|x| ids.contains(*x))
                                .map(str::to_string),
                        );
                    } else {
                        stack.push(v);
                    }
                }
            }
        }
        stack.extend(n.items());
    }
    out
}
