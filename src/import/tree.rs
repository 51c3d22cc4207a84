//! One tree for every input: a template or plan parsed into nodes that remember their line and
//! column (YAML through yaml-rust2's event parser, JSON through serde_json). CloudFormation's
//! short-form tags (`!Ref X`, `!GetAtt A.B`, `!Sub ...`) become their long forms (`{Ref: X}`,
//! `{"Fn::GetAtt": "A.B"}`), so the readers see one shape.

use super::ImportError;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting read: deeper input is refused (no template or plan comes near it).
pub const MAX_DEPTH: usize = 128;

/// Most nodes that aliases may copy in one file: a YAML "billion laughs" stops here.
pub const MAX_ALIAS_NODES: usize = 2_000_000;

fn count_nodes(n: &Node) -> usize {
    let mut count = 0;
    let mut stack = vec![n];
    while let Some(n) = stack.pop() {
        count += 1;
        match &n.value {
            Value::Seq(items) => stack.extend(items.iter()),
            Value::Map(entries) => stack.extend(entries.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    count
}

/// A value and where it starts (line and column from 1; 0 when unknown, as for JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Line, from 1 (0: unknown).
    pub line: u32,
    /// Column, from 1 (0: unknown).
    pub col: u32,
}

/// A value of the tree. Scalars keep their text: `true`, `80` and `"80"` compare the same way,
/// which is how CloudFormation itself reads them.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// Any scalar, as written.
    Text(String),
    /// A list.
    Seq(Vec<Node>),
    /// A map, in the order written.
    Map(Vec<(String, Node)>),
}

/// The null node.
pub static NULL: Node = Node { value: Value::Null, line: 0, col: 0 };

impl Node {
    fn new(value: Value, mark: Option<Marker>) -> Node {
        let (line, col) = mark.map_or((0, 0), |m| (m.line() as u32, m.col() as u32));
        Node { value, line, col }
    }

    /// The value at `key` of a map.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The entries of a map (empty for anything else).
    pub fn entries(&self) -> &[(String, Node)] {
        match &self.value {
            Value::Map(e) => e,
            _ => &[],
        }
    }

    /// The items of a list (empty for anything else).
    pub fn items(&self) -> &[Node] {
        match &self.value {
            Value::Seq(s) => s,
            _ => &[],
        }
    }

    /// True for null.
    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// Converts a JSON value (no positions).
    pub fn from_json(v: serde_json::Value) -> Node {
        let value = match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Text(b.to_string()),
            serde_json::Value::Number(n) => Value::Text(n.to_string()),
            serde_json::Value::String(s) => Value::Text(s),
            serde_json::Value::Array(a) => Value::Seq(a.into_iter().map(Node::from_json).collect()),
            serde_json::Value::Object(o) => {
                Value::Map(o.into_iter().map(|(k, v)| (k, Node::from_json(v))).collect())
            }
        };
        Node { value, line: 0, col: 0 }
    }
}

/// The long-form key of a CloudFormation short-form tag (`!Ref` → `Ref`, `!Sub` → `Fn::Sub`).
fn long_form(tag: &str) -> String {
    match tag {
        "Ref" | "Condition" => tag.to_string(),
        _ => format!("Fn::{tag}"),
    }
}

enum Open {
    Seq(Vec<Node>, Marker, Option<String>),
    Map(Vec<(String, Node)>, Option<String>, Marker, Option<String>),
}

/// Parses YAML (one document) into a tree; `file` names it in errors.
///
/// CloudFormation (like PyYAML) accepts a flow list's closing `]` or `}` on a line of its own
/// at the indentation of the key that opened it, which YAML 1.2 and yaml-rust2 refuse. When
/// that is why a template fails, such lines are indented to their content and the template is
/// read again; nothing else moves, so every position stays right.
pub fn parse_yaml(file: &str, text: &str) -> Result<Node, ImportError> {
    match parse_yaml_strict(file, text) {
        Err(e) if e.message.contains("invalid indentation") => {
            let relaxed = indent_closing_brackets(text);
            if relaxed != text { parse_yaml_strict(file, &relaxed).map_err(|_| e) } else { Err(e) }
        }
        other => other,
    }
}

/// Moves lines that hold only a closing `]` or `}` (with an optional comma) to the indentation
/// of the line before them.
fn indent_closing_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut prev_indent = 0usize;
    for line in text.split_inclusive('\n') {
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let bare = body.trim_end();
        if matches!(bare, "]" | "}" | "]," | "}," | "]]" | "}}" | "}]" | "]}") && indent < prev_indent {
            out.push_str(&" ".repeat(prev_indent));
            out.push_str(body);
            continue;
        }
        if !bare.is_empty() && !bare.starts_with('#') {
            prev_indent = indent;
        }
        out.push_str(line);
    }
    out
}

fn parse_yaml_strict(file: &str, text: &str) -> Result<Node, ImportError> {
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Open> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, Node> = std::collections::HashMap::new();
    let mut anchor_of: Vec<usize> = Vec::new();
    let mut root: Option<Node> = None;
    let mut copied = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let m = e.marker();
            ImportError::at(
                file,
                m.line() as u32,
                m.col() as u32 + 1,
                format!("not valid YAML: {}", e.info()),
            )
        })?;
        let done: Option<(Node, usize)> = match event {
            Event::StreamEnd => break,
            Event::DocumentEnd => {
                if root.is_some() {
                    break;
                }
                None
            }
            Event::Nothing | Event::StreamStart | Event::DocumentStart => None,
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => {
                    copied += count_nodes(n);
                    if copied > MAX_ALIAS_NODES {
                        return Err(ImportError::at(
                            file,
                            mark.line() as u32,
                            mark.col() as u32 + 1,
                            format!("aliases expand to more than {MAX_ALIAS_NODES} values"),
                        ));
                    }
                    Some((n.clone(), 0))
                }
                None => {
                    return Err(ImportError::at(
                        file,
                        mark.line() as u32,
                        mark.col() as u32 + 1,
                        "alias to an unknown anchor",
                    ));
                }
            },
            Event::Scalar(s, style, anchor, tag) => {
                let value = if style == TScalarStyle::Plain
                    && matches!(s.as_str(), "" | "~" | "null" | "Null" | "NULL")
                {
                    Value::Null
                } else {
                    Value::Text(s)
                };
                let mut node = Node::new(value, Some(mark));
                if let Some(tag) = tag.filter(|t| t.handle == "!") {
                    node = Node::new(Value::Map(vec![(long_form(&tag.suffix), node)]), Some(mark));
                }
                Some((node, anchor))
            }
            Event::SequenceStart(anchor, tag) => {
                too_deep(file, stack.len(), mark)?;
                anchor_of.push(anchor);
                stack.push(Open::Seq(Vec::new(), mark, tag.filter(|t| t.handle == "!").map(|t| t.suffix)));
                None
            }
            Event::MappingStart(anchor, tag) => {
                too_deep(file, stack.len(), mark)?;
                anchor_of.push(anchor);
                stack.push(Open::Map(
                    Vec::new(),
                    None,
                    mark,
                    tag.filter(|t| t.handle == "!").map(|t| t.suffix),
                ));
                None
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let anchor = anchor_of.pop().unwrap_or(0);
                match stack.pop() {
                    Some(Open::Seq(items, m, tag)) => {
                        Some((wrap(Node::new(Value::Seq(items), Some(m)), tag, m), anchor))
                    }
                    Some(Open::Map(entries, _, m, tag)) => {
                        Some((wrap(Node::new(Value::Map(entries), Some(m)), tag, m), anchor))
                    }
                    None => None,
                }
            }
        };
        let Some((node, anchor)) = done else { continue };
        if anchor != 0 {
            anchors.insert(anchor, node.clone());
        }
        match stack.last_mut() {
            None => {
                if root.is_none() {
                    root = Some(node);
                }
            }
            Some(Open::Seq(items, ..)) => items.push(node),
            Some(Open::Map(entries, key, ..)) => match key.take() {
                None => {
                    let k = match &node.value {
                        Value::Text(s) => s.clone(),
                        Value::Null => String::new(),
                        _ => {
                            return Err(ImportError::at(
                                file,
                                node.line,
                                node.col + 1,
                                "a map key that is itself a list or map (templates use text keys)",
                            ));
                        }
                    };
                    *key = Some(k);
                }
                Some(k) => entries.push((k, node)),
            },
        }
    }
    let mut root = root.unwrap_or(Node { value: Value::Null, line: 1, col: 1 });
    shift_cols(&mut root);
    Ok(root)
}

/// Refuses a list or map opened `depth` levels deep when that is more than [`MAX_DEPTH`].
fn too_deep(file: &str, depth: usize, mark: Marker) -> Result<(), ImportError> {
    if depth >= MAX_DEPTH {
        return Err(ImportError::at(
            file,
            mark.line() as u32,
            mark.col() as u32 + 1,
            format!("nested more than {MAX_DEPTH} deep"),
        ));
    }
    Ok(())
}

/// yaml-rust2 counts columns from 0; ours count from 1 like every other position we give.
fn shift_cols(node: &mut Node) {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        n.col += 1;
        match &mut n.value {
            Value::Seq(items) => stack.extend(items.iter_mut()),
            Value::Map(entries) => stack.extend(entries.iter_mut().map(|(_, v)| v)),
            _ => {}
        }
    }
}

fn wrap(node: Node, tag: Option<String>, m: Marker) -> Node {
    match tag {
        Some(t) => Node::new(Value::Map(vec![(long_form(&t), node)]), Some(m)),
        None => node,
    }
}

/// Parses JSON into a tree (positions only in errors).
pub fn parse_json(file: &str, text: &str) -> Result<Node, ImportError> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        ImportError::at(file, e.line() as u32, e.column() as u32, format!("not valid JSON: {e}"))
    })?;
    Ok(Node::from_json(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_become_long_forms_with_positions() {
        let n = parse_yaml(
            "t.yaml",
            "A:\n  B: !Ref Web\n  C: !GetAtt [Db, Endpoint.Address]\n  D: !Sub '${X}'\n",
        )
        .unwrap();
        let b = n.get("A").unwrap().get("B").unwrap();
        assert_eq!(b.get("Ref").unwrap().text(), Some("Web"));
        // A tagged value is placed where its text starts (the name it refers to).
        assert_eq!((b.line, b.col), (2, 11));
        let c = n.get("A").unwrap().get("C").unwrap().get("Fn::GetAtt").unwrap();
        assert_eq!(c.items()[0].text(), Some("Db"));
        assert!(n.get("A").unwrap().get("D").unwrap().get("Fn::Sub").is_some());
    }

    #[test]
    fn bad_yaml_names_line_and_column() {
        let e = parse_yaml("t.yaml", "A: [1, 2\nB: 3\n").unwrap_err();
        assert!(e.line >= 1 && e.to_string().starts_with("t.yaml:"), "{e}");
    }

    #[test]
    fn a_closing_bracket_at_the_keys_indentation_is_accepted() {
        let n = parse_yaml(
            "t.yaml",
            "S:\n  - Effect: Allow\n    Action: [\n      a,\n      b\n    ]\n    Resource: r\n",
        )
        .unwrap();
        let s = &n.get("S").unwrap().items()[0];
        assert_eq!(s.get("Action").unwrap().items().len(), 2);
        assert_eq!(s.get("Resource").unwrap().line, 7);
    }

    #[test]
    fn anchors_and_aliases_are_copied() {
        let n = parse_yaml("t.yaml", "a: &x {k: v}\nb: *x\n").unwrap();
        assert_eq!(n.get("b").unwrap().get("k").unwrap().text(), Some("v"));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            text += &format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            );
        }
        assert!(parse_yaml("t.yaml", &text).unwrap_err().to_string().contains("aliases expand"));
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(MAX_DEPTH + 5) + &"]".repeat(MAX_DEPTH + 5);
        assert!(parse_yaml("t.yaml", &text).unwrap_err().to_string().contains("nested more than"));
    }
}
