//! Reading a resource's properties the way the catalog's rules ask: dotted paths, tests
//! ([`PropertyTest`]), tags.

use super::tree::{Node, Value};
use crate::catalog::iac::PropertyTest;

/// Every value at a dotted path; lists met on the way are searched element by element, and
/// CloudFormation's `Fn::If` is looked through (both branches).
pub fn at<'a>(node: &'a Node, path: &str) -> Vec<&'a Node> {
    let mut current = vec![node];
    for step in path.split('.').filter(|s| !s.is_empty()) {
        let mut next = Vec::new();
        for n in current {
            collect_key(n, step, &mut next, 0);
        }
        current = next;
    }
    current.into_iter().flat_map(flatten).filter(|n| !n.is_null()).collect()
}

fn collect_key<'a>(n: &'a Node, key: &str, out: &mut Vec<&'a Node>, depth: usize) {
    if depth > 8 {
        return;
    }
    match &n.value {
        Value::Seq(items) => items.iter().for_each(|i| collect_key(i, key, out, depth + 1)),
        Value::Map(entries) => {
            if let Some(branches) = n.get("Fn::If") {
                branches.items().iter().skip(1).for_each(|b| collect_key(b, key, out, depth + 1));
                return;
            }
            if let Some((_, v)) = entries.iter().rev().find(|(k, _)| k == key) {
                out.push(v);
            }
        }
        _ => {}
    }
}

/// A value, or the branches of an `Fn::If`, or the items of a list.
fn flatten(n: &Node) -> Vec<&Node> {
    if let Some(b) = n.get("Fn::If") {
        return b.items().iter().skip(1).flat_map(flatten).collect();
    }
    match &n.value {
        Value::Seq(items) => items.iter().flat_map(flatten).collect(),
        _ => vec![n],
    }
}

/// The text of the first scalar at a path.
pub fn text_at<'a>(node: &'a Node, path: &str) -> Option<&'a str> {
    at(node, path).into_iter().find_map(Node::text)
}

fn eq(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

fn mentions(n: &Node, needle: &str) -> bool {
    let needle = needle.to_ascii_lowercase();
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        match &n.value {
            Value::Text(s) => {
                if s.to_ascii_lowercase().contains(&needle) {
                    return true;
                }
            }
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => {
                for (k, v) in entries {
                    if k.to_ascii_lowercase().contains(&needle) {
                        return true;
                    }
                    stack.push(v);
                }
            }
            Value::Null => {}
        }
    }
    false
}

fn has_entry(n: &Node, key: &str, value: &str) -> bool {
    if let Some(v) = n.entries().iter().find(|(k, _)| eq(k, key)).map(|(_, v)| v) {
        return v.text().is_some_and(|t| eq(t, value));
    }
    let name = n.get("name").or_else(|| n.get("Name")).and_then(Node::text);
    let val = n.get("value").or_else(|| n.get("Value")).and_then(Node::text);
    matches!((name, val), (Some(k), Some(v)) if eq(k, key) && eq(v, value))
}

/// Does the test hold on these properties?
pub fn holds(props: &Node, test: &PropertyTest) -> bool {
    let found = at(props, &test.path);
    if test.present == Some(false) {
        return found.is_empty();
    }
    found.into_iter().any(|n| {
        let text = n.text();
        test.equals.as_deref().is_none_or(|e| text.is_some_and(|t| eq(t, e)))
            && (test.one_of.is_empty() || text.is_some_and(|t| test.one_of.iter().any(|o| eq(t, o))))
            && test.prefix.as_deref().is_none_or(|p| {
                text.is_some_and(|t| {
                    t.len() >= p.len() && t.is_char_boundary(p.len()) && eq(&t[..p.len()], p)
                })
            })
            && test.mentions.as_deref().is_none_or(|m| mentions(n, m))
            && test.entry.as_ref().is_none_or(|(k, v)| has_entry(n, k, v))
    })
}

/// Do all of `when` and none of `unless` hold?
pub fn all_hold(props: &Node, when: &[PropertyTest], unless: &[PropertyTest]) -> bool {
    when.iter().all(|t| holds(props, t)) && !unless.iter().any(|t| holds(props, t))
}

/// A tag's value: CloudFormation's `Tags: [{Key, Value}]` or Terraform's `tags` map.
pub fn tag<'a>(props: &'a Node, key: &str) -> Option<&'a str> {
    for list in [props.get("Tags"), props.get("tags"), props.get("tags_all")].into_iter().flatten() {
        if let Some(v) = list.get(key).and_then(Node::text) {
            return Some(v);
        }
        for item in list.items() {
            if item.get("Key").and_then(Node::text) == Some(key) {
                return item.get("Value").and_then(Node::text);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tree::parse_yaml;

    fn t(path: &str) -> PropertyTest {
        PropertyTest { path: path.into(), ..Default::default() }
    }

    #[test]
    fn paths_look_through_lists_and_conditions() {
        let n = parse_yaml(
            "t",
            "A:\n  - B: x\n  - B: y\nC: !If [Cond, {D: on}, {D: off}]\nTags: [{Key: Name, Value: web}]\n",
        )
        .unwrap();
        assert_eq!(at(&n, "A.B").len(), 2);
        assert_eq!(at(&n, "C.D").len(), 2);
        assert_eq!(tag(&n, "Name"), Some("web"));
        assert!(holds(&n, &PropertyTest { equals: Some("Y".into()), ..t("A.B") }));
        assert!(holds(&n, &PropertyTest { present: Some(false), ..t("Nope") }));
        assert!(!holds(&n, &PropertyTest { prefix: Some("z".into()), ..t("A.B") }));
    }

    #[test]
    fn entries_match_maps_and_name_value_lists() {
        let cfn = parse_yaml("t", "Parameters: {rds.force_ssl: 1}\n").unwrap();
        let tf = parse_yaml("t", "parameter: [{name: rds.force_ssl, value: '1'}]\n").unwrap();
        let e = Some(("rds.force_ssl".to_string(), "1".to_string()));
        assert!(holds(&cfn, &PropertyTest { entry: e.clone(), ..t("Parameters") }));
        assert!(holds(&tf, &PropertyTest { entry: e, ..t("parameter") }));
    }
}
