//! Connections between imported components: along references (in the direction traffic goes,
//! per the catalog's `flows`), through helpers that carry traffic (listener → target group →
//! service; event source mappings), from what IAM policies let a component use, and from
//! security-group rules (a rule in B's group admitting A's group is A → B, labelled with the
//! port). Encryption is what the code says about traffic into the target, else none (flagged).

use super::assemble::{Assembly, Became, evidence, path_starts};
use super::classify::Class;
use super::props::at;
use crate::catalog::iac::{FlowDirection, any_type_matches};
use crate::project::Connection;
use std::collections::{HashMap, HashSet, VecDeque};

struct Edge {
    to: usize,
    label: Option<String>,
}

/// Works out every connection.
pub fn connect(a: &mut Assembly) -> Vec<Connection> {
    let iac = a.catalog.iac();
    let n = a.resources.len();
    let mut edges: Vec<Vec<Edge>> = (0..n).map(|_| Vec::new()).collect();
    let mut weak: Vec<(usize, usize)> = Vec::new();
    for i in 0..n {
        for r in &a.resources[i].refs {
            let Some(j) = a.target(i, &r.target) else { continue };
            if j == i || a.classes[j].is_boundary() || a.classes[i].is_boundary() {
                continue;
            }
            if r.path == "DependsOn" {
                weak.push((i, j));
                continue;
            }
            let rule = iac
                .flows
                .iter()
                .find(|f| any_type_matches(&f.types, &a.resources[i].rtype) && path_starts(&r.path, &f.path));
            let flow = r.flow.or(rule.map(|f| f.flow));
            let label = r.label.clone().or_else(|| rule.map(|f| f.label.clone()).filter(|l| !l.is_empty()));
            match flow {
                Some(FlowDirection::None) => {}
                Some(FlowDirection::ToReferrer) => edges[j].push(Edge { to: i, label }),
                None => edges[i].push(Edge { to: j, label }),
            }
        }
    }
    let carries = |k: usize| matches!(&a.classes[k], Class::Helper(h) if h.carries_traffic);
    let owner = |k: usize| match a.became[k] {
        Became::Component(c) if a.component_resource[c] == k => Some(c),
        _ => None,
    };
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let mut seen_pair: HashSet<(usize, usize)> = HashSet::new();
    for c in 0..a.components.len() {
        let start = a.component_resource[c];
        let mut queue: VecDeque<(usize, Option<String>)> = VecDeque::from([(start, None)]);
        let mut visited: HashSet<usize> = HashSet::from([start]);
        while let Some((k, label)) = queue.pop_front() {
            for e in &edges[k] {
                if !visited.insert(e.to) {
                    continue;
                }
                let label = e.label.clone().or_else(|| label.clone());
                if let Some(d) = owner(e.to) {
                    if d != c && seen_pair.insert((c, d)) {
                        found.push((c, d, label.unwrap_or_default()));
                    }
                } else if carries(e.to) {
                    queue.push_back((e.to, label));
                }
            }
        }
    }
    // What a component's IAM policies name, it uses.
    for c in 0..a.components.len() {
        for &m in &a.members[c] {
            if !matches!(&a.classes[m], Class::Helper(h) if h.grants) {
                continue;
            }
            for t in a.refs_at(m, &[]) {
                if let Some(d) = owner(t)
                    && d != c
                    && seen_pair.insert((c, d))
                {
                    found.push((c, d, "IAM".into()));
                }
            }
        }
    }
    // Security groups: who is a member of which.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let rule_types: Vec<&String> = iac.security_group_rules.iter().flat_map(|r| r.types.iter()).collect();
    for c in 0..a.components.len() {
        for m in evidence(a, c) {
            // A group's own references (and a rule's) are rules, not membership.
            let is_rule = matches!(&a.classes[m], Class::Helper(h) if h.security_group)
                || rule_types.iter().any(|t| crate::catalog::iac::type_matches(t, &a.resources[m].rtype));
            if is_rule {
                continue;
            }
            for t in a.refs_at(m, &[]) {
                if matches!(&a.classes[t], Class::Helper(h) if h.security_group) {
                    let list = members.entry(t).or_default();
                    if !list.contains(&c) {
                        list.push(c);
                    }
                }
            }
        }
    }
    let mut port_labels: HashMap<(usize, usize), Vec<String>> = HashMap::new();
    for i in 0..n {
        let rtype = a.resources[i].rtype.clone();
        for rule in iac.security_group_rules.iter().filter(|r| any_type_matches(&r.types, &rtype)) {
            if !super::props::all_hold(&a.resources[i].props, &rule.when, &[]) {
                continue;
            }
            let (groups, sources, ports): (Vec<usize>, Vec<usize>, Vec<String>) = if rule.list.is_empty() {
                let ports = at(&a.resources[i].props, &rule.port)
                    .into_iter()
                    .filter_map(|p| p.text().map(str::to_string))
                    .collect();
                (a.refs_at(i, &[rule.group.as_str()]), a.refs_at(i, &[rule.source.as_str()]), ports)
            } else {
                let src_path = format!("{}.{}", rule.list, rule.source);
                let port_path = format!("{}.{}", rule.list, rule.port);
                let ports = at(&a.resources[i].props, &port_path)
                    .into_iter()
                    .filter_map(|p| p.text().map(str::to_string))
                    .collect();
                (vec![i], a.refs_at(i, &[src_path.as_str()]), ports)
            };
            for g in &groups {
                // A group that admits itself links its members both ways; that says nothing of
                // which way traffic goes, so it is not drawn.
                for s in sources.iter().filter(|s| *s != g) {
                    for &from in members.get(s).into_iter().flatten() {
                        for &to in members.get(g).into_iter().flatten() {
                            if from != to {
                                let labels = port_labels.entry((from, to)).or_default();
                                for p in &ports {
                                    if !labels.contains(p) {
                                        labels.push(p.clone());
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    let mut pairs: Vec<_> = port_labels.into_iter().collect();
    pairs.sort();
    for ((from, to), ports) in pairs {
        let label = match ports.len() {
            0 => String::new(),
            1 => format!("port {}", ports[0]),
            _ => format!("ports {}", ports.join(", ")),
        };
        match found.iter_mut().find(|(f, t, _)| *f == from && *t == to) {
            Some((_, _, l)) => {
                if l.is_empty() {
                    *l = label;
                }
            }
            None => {
                seen_pair.insert((from, to));
                found.push((from, to, label));
            }
        }
    }
    // DependsOn only where nothing else links the two.
    for (i, j) in weak {
        if let (Some(c), Some(d)) = (owner(i).or_else(|| comp_of(a, i)), owner(j).or_else(|| comp_of(a, j)))
            && c != d
            && !seen_pair.contains(&(c, d))
            && !seen_pair.contains(&(d, c))
        {
            seen_pair.insert((c, d));
            found.push((c, d, String::new()));
        }
    }
    let mut unencrypted = Vec::new();
    let out: Vec<Connection> = found
        .into_iter()
        .map(|(c, d, label)| {
            let encrypted = !a.encrypted_into[d].is_empty();
            if !encrypted {
                unencrypted.push(format!("{} → {}", a.components[c].label, a.components[d].label));
            }
            Connection { from: a.components[c].id, to: a.components[d].id, label, encrypted }
        })
        .collect();
    if !unencrypted.is_empty() {
        let shown: Vec<&str> = unencrypted.iter().take(8).map(String::as_str).collect();
        let more = if unencrypted.len() > 8 {
            format!(" and {} more", unencrypted.len() - 8)
        } else {
            String::new()
        };
        a.warnings.push(format!(
            "{} connection(s) marked unencrypted because the code does not say they are encrypted: {}{more}",
            unencrypted.len(),
            shown.join(", ")
        ));
    }
    out
}

fn comp_of(a: &Assembly, i: usize) -> Option<usize> {
    match a.became[i] {
        Became::Component(c) => Some(c),
        _ => None,
    }
}
