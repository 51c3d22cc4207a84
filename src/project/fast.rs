//! A fast path for loading projects: a reader for exactly the RON that this version writes
//! (`to_ron_string`: named fields, quoted strings with the escapes ron writes, `None`/`Some`,
//! lists and the to-do map), about ten times quicker than the general parser on large files.
//!
//! It is only a shortcut: anything outside that subset — a comment, an unknown or repeated
//! field, a raw string, an unusual escape or number, a struct name, an out-of-range value, an
//! older or newer format — makes it give up (`None`), and the file goes through `ron`, which
//! gives the same project or the precise error with its line and column. The property tests
//! and the load fuzz target check that both paths agree on every file the fast one accepts.

use super::{Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Project, Rect, TodoState};
use std::collections::BTreeMap;

/// Parses `text` when it is in the subset; `None` sends it to the general parser.
pub(super) fn parse(text: &str, min_format: u32, max_format: u32) -> Option<Project> {
    let mut r = Reader { s: text.as_bytes(), i: 0, text };
    let p = r.project(min_format, max_format)?;
    r.ws();
    (r.i == r.s.len()).then_some(p)
}

struct Reader<'a> {
    s: &'a [u8],
    i: usize,
    text: &'a str,
}

/// Which fields a struct has read, to refuse one given twice.
#[derive(Default)]
struct Seen(u32);

impl Seen {
    fn first(&mut self, bit: u32) -> Option<()> {
        let fresh = self.0 & (1 << bit) == 0;
        self.0 |= 1 << bit;
        fresh.then_some(())
    }
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while let Some(b) = self.s.get(self.i) {
            match b {
                b' ' | b'\n' | b'\r' | b'\t' => self.i += 1,
                _ => break,
            }
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.i += 1)
    }

    /// After an element: a comma (then maybe the closer), or the closer. True when closed.
    fn next_or_close(&mut self, close: u8) -> Option<bool> {
        match self.peek()? {
            b',' => {
                self.i += 1;
                if self.peek()? == close {
                    self.i += 1;
                    return Some(true);
                }
                Some(false)
            }
            c if c == close => {
                self.i += 1;
                Some(true)
            }
            _ => None,
        }
    }

    /// A field name and its colon.
    fn key(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        while let Some(b) = self.s.get(self.i) {
            if b.is_ascii_alphanumeric() || *b == b'_' {
                self.i += 1;
            } else {
                break;
            }
        }
        if start == self.i || self.s[start].is_ascii_digit() {
            return None;
        }
        let k = &self.text[start..self.i];
        self.eat(b':')?;
        Some(k)
    }

    /// `(field: value, ...)`, calling `field` for each; empty tuples allowed.
    fn fields(&mut self, mut field: impl FnMut(&mut Self, &str) -> Option<()>) -> Option<()> {
        self.eat(b'(')?;
        if self.peek()? == b')' {
            self.i += 1;
            return Some(());
        }
        loop {
            let k = self.key()?;
            field(self, k)?;
            if self.next_or_close(b')')? {
                return Some(());
            }
        }
    }

    /// `[v, ...]`.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        if self.peek()? == b']' {
            self.i += 1;
            return Some(out);
        }
        loop {
            out.push(item(self)?);
            if self.next_or_close(b']')? {
                return Some(out);
            }
        }
    }

    fn word(&mut self, w: &str) -> bool {
        self.ws();
        let end = self.i + w.len();
        let matches = self.s.get(self.i..end) == Some(w.as_bytes())
            && !self.s.get(end).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
        if matches {
            self.i = end;
        }
        matches
    }

    fn boolean(&mut self) -> Option<bool> {
        if self.word("true") {
            Some(true)
        } else if self.word("false") {
            Some(false)
        } else {
            None
        }
    }

    fn option<T>(&mut self, inner: impl FnOnce(&mut Self) -> Option<T>) -> Option<Option<T>> {
        if self.word("None") {
            return Some(None);
        }
        if !self.word("Some") {
            return None;
        }
        self.eat(b'(')?;
        let v = inner(self)?;
        self.eat(b')')?;
        Some(Some(v))
    }

    fn unsigned(&mut self) -> Option<u64> {
        self.ws();
        let start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        // A leading zero, a sign, an underscore or a suffix is left to ron.
        let digits = &self.text[start..self.i];
        if digits.is_empty() || (digits.len() > 1 && digits.starts_with('0')) || self.ident_follows() {
            return None;
        }
        digits.parse().ok()
    }

    fn ident_follows(&self) -> bool {
        self.s.get(self.i).is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
    }

    /// `-?digits.digits` with an optional exponent, as ron writes floats.
    fn float(&mut self) -> Option<f32> {
        self.ws();
        let start = self.i;
        if self.s.get(self.i) == Some(&b'-') {
            self.i += 1;
        }
        let int_start = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        if self.i == int_start || self.s.get(self.i) != Some(&b'.') {
            return None;
        }
        self.i += 1;
        let frac = self.i;
        while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
            self.i += 1;
        }
        if self.i == frac {
            return None;
        }
        if matches!(self.s.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.s.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            let exp = self.i;
            while self.s.get(self.i).is_some_and(u8::is_ascii_digit) {
                self.i += 1;
            }
            if self.i == exp {
                return None;
            }
        }
        if self.ident_follows() {
            return None;
        }
        let v: f32 = self.text[start..self.i].parse().ok()?;
        // ron refuses what does not fit; leave that to it.
        v.is_finite().then_some(v)
    }

    /// A quoted string with the escapes ron writes (`\"`, `\'`, `\\`, `\n`, `\r`, `\t`, `\0`,
    /// `\u{…}`); anything else is left to ron.
    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.i;
            while let Some(b) = self.s.get(self.i) {
                if *b == b'"' || *b == b'\\' {
                    break;
                }
                self.i += 1;
            }
            out.push_str(&self.text[start..self.i]);
            match self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                _ => {
                    self.i += 1;
                    let c = match self.s.get(self.i)? {
                        b'"' => '"',
                        b'\'' => '\'',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'0' => '\0',
                        b'u' => {
                            self.i += 1;
                            if self.s.get(self.i) != Some(&b'{') {
                                return None;
                            }
                            let hex_start = self.i + 1;
                            let close = self.s[hex_start..].iter().position(|b| *b == b'}')?;
                            let hex = &self.text[hex_start..hex_start + close];
                            if hex.is_empty() || hex.len() > 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit())
                            {
                                return None;
                            }
                            self.i = hex_start + close;
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    };
                    self.i += 1;
                    out.push(c);
                }
            }
        }
    }

    fn vocab<T: std::str::FromStr>(&mut self) -> Option<T> {
        self.string()?.parse().ok()
    }

    fn project(&mut self, min_format: u32, max_format: u32) -> Option<Project> {
        let mut p = Project { name: String::new(), ..Project::default() };
        let mut format = None;
        let mut seen = Seen::default();
        self.fields(|r, k| {
            match k {
                "format" => {
                    seen.first(0)?;
                    let f = u32::try_from(r.unsigned()?).ok()?;
                    (min_format..=max_format).contains(&f).then_some(())?;
                    format = Some(f);
                }
                "name" => {
                    seen.first(1)?;
                    p.name = r.string()?;
                }
                "description" => {
                    seen.first(2)?;
                    p.description = r.string()?;
                }
                "compliance" => {
                    seen.first(3)?;
                    p.compliance = r.list(|r| r.vocab())?;
                }
                "boundaries" => {
                    seen.first(4)?;
                    p.boundaries = r.list(Self::boundary)?;
                }
                "components" => {
                    seen.first(5)?;
                    p.components = r.list(Self::component)?;
                }
                "connections" => {
                    seen.first(6)?;
                    p.connections = r.list(Self::connection)?;
                }
                "todos" => {
                    seen.first(7)?;
                    p.todos = r.todos()?;
                }
                "findings" => {
                    seen.first(8)?;
                    p.findings = r.list(Self::string)?;
                }
                "findings_checked" => {
                    seen.first(9)?;
                    p.findings_checked = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        p.format = format?;
        Some(p)
    }

    fn component(&mut self) -> Option<Component> {
        let (mut id, mut service) = (None, None);
        let mut c = Component {
            id: ComponentId(0),
            service: String::new(),
            variant: None,
            label: String::new(),
            position: Pos::default(),
            internet_facing: false,
            data: Default::default(),
            notes: String::new(),
            boundary: None,
            source: None,
        };
        let mut seen = Seen::default();
        self.fields(|r, k| {
            match k {
                "id" => {
                    seen.first(0)?;
                    id = Some(ComponentId(r.unsigned()?));
                }
                "service" => {
                    seen.first(1)?;
                    service = Some(r.string()?);
                }
                "variant" => {
                    seen.first(2)?;
                    c.variant = r.option(Self::string)?;
                }
                "label" => {
                    seen.first(3)?;
                    c.label = r.string()?;
                }
                "position" => {
                    seen.first(4)?;
                    let (mut x, mut y) = (None, None);
                    let mut s = Seen::default();
                    r.fields(|r, k| {
                        match k {
                            "x" => {
                                s.first(0)?;
                                x = Some(r.float()?);
                            }
                            "y" => {
                                s.first(1)?;
                                y = Some(r.float()?);
                            }
                            _ => return None,
                        }
                        Some(())
                    })?;
                    c.position = Pos { x: x?, y: y? };
                }
                "internet_facing" => {
                    seen.first(5)?;
                    c.internet_facing = r.boolean()?;
                }
                "data" => {
                    seen.first(6)?;
                    c.data = r.vocab()?;
                }
                "notes" => {
                    seen.first(7)?;
                    c.notes = r.string()?;
                }
                "boundary" => {
                    seen.first(8)?;
                    c.boundary = r.option(|r| r.unsigned().map(BoundaryId))?;
                }
                "source" => {
                    seen.first(9)?;
                    c.source = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        c.id = id?;
        c.service = service?;
        Some(c)
    }

    fn connection(&mut self) -> Option<Connection> {
        let (mut from, mut to, mut label, mut encrypted) = (None, None, String::new(), false);
        let mut seen = Seen::default();
        self.fields(|r, k| {
            match k {
                "from" => {
                    seen.first(0)?;
                    from = Some(ComponentId(r.unsigned()?));
                }
                "to" => {
                    seen.first(1)?;
                    to = Some(ComponentId(r.unsigned()?));
                }
                "label" => {
                    seen.first(2)?;
                    label = r.string()?;
                }
                "encrypted" => {
                    seen.first(3)?;
                    encrypted = r.boolean()?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Connection { from: from?, to: to?, label, encrypted })
    }

    fn boundary(&mut self) -> Option<Boundary> {
        let (mut id, mut kind, mut label, mut parent, mut rect, mut source) =
            (None, None, String::new(), None, None, None);
        let mut seen = Seen::default();
        self.fields(|r, k| {
            match k {
                "id" => {
                    seen.first(0)?;
                    id = Some(BoundaryId(r.unsigned()?));
                }
                "kind" => {
                    seen.first(1)?;
                    kind = Some(r.string()?);
                }
                "label" => {
                    seen.first(2)?;
                    label = r.string()?;
                }
                "parent" => {
                    seen.first(3)?;
                    parent = r.option(|r| r.unsigned().map(BoundaryId))?;
                }
                "rect" => {
                    seen.first(4)?;
                    let mut v = [None; 4];
                    let mut s = Seen::default();
                    r.fields(|r, k| {
                        let i = ["x", "y", "w", "h"].iter().position(|n| *n == k)?;
                        s.first(i as u32)?;
                        v[i] = Some(r.float()?);
                        Some(())
                    })?;
                    rect = Some(Rect { x: v[0]?, y: v[1]?, w: v[2]?, h: v[3]? });
                }
                "source" => {
                    seen.first(5)?;
                    source = r.option(Self::string)?;
                }
                _ => return None,
            }
            Some(())
        })?;
        Some(Boundary { id: id?, kind: kind?, label, parent, rect: rect?, source })
    }

    fn todos(&mut self) -> Option<BTreeMap<String, TodoState>> {
        self.eat(b'{')?;
        let mut out = BTreeMap::new();
        if self.peek()? == b'}' {
            self.i += 1;
            return Some(out);
        }
        loop {
            let k = self.string()?;
            self.eat(b':')?;
            let mut t = TodoState::default();
            let mut seen = Seen::default();
            self.fields(|r, k| {
                match k {
                    "status" => {
                        seen.first(0)?;
                        t.status = r.vocab()?;
                    }
                    "assignee" => {
                        seen.first(1)?;
                        t.assignee = r.string()?;
                    }
                    "note" => {
                        seen.first(2)?;
                        t.note = r.string()?;
                    }
                    _ => return None,
                }
                Some(())
            })?;
            // A key given twice is ron's to judge (it keeps the last one; so would we, but the
            // general parser is the reference).
            if out.insert(k, t).is_some() {
                return None;
            }
            if self.next_or_close(b'}')? {
                return Some(out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{from_ron_str, to_ron_string};

    fn sample() -> Project {
        let mut p = Project { name: "Shop \"eu\" \\ ünï\tcode\n".into(), ..Project::default() };
        p.description = "line one\nline two \u{1b}[31m".into();
        p.compliance = vec![crate::vocab::Framework::Hipaa];
        p.boundaries.push(Boundary {
            id: BoundaryId(1),
            kind: "vpc".into(),
            label: "VPC".into(),
            parent: None,
            rect: Rect { x: -40.5, y: 0.0, w: 1e4, h: 3.25 },
            source: Some("Vpc".into()),
        });
        p.components.push(Component {
            id: ComponentId(7),
            service: "rds".into(),
            variant: Some("rds".into()),
            label: "Orders DB".into(),
            position: Pos { x: 0.1, y: -123456.78 },
            internet_facing: true,
            data: crate::vocab::DataClass::Regulated,
            notes: String::new(),
            boundary: Some(BoundaryId(1)),
            source: Some("module.db[\"x\"]".into()),
        });
        p.connections.push(Connection {
            from: ComponentId(7),
            to: ComponentId(7),
            label: "SQL".into(),
            encrypted: true,
        });
        p.todos.insert(
            "rds.encrypt-at-rest".into(),
            TodoState { status: crate::vocab::Status::Done, assignee: "Ana".into(), note: "ok".into() },
        );
        p.findings = vec!["checkov.json".into()];
        p.findings_checked = Some("2026-12-01T10:00:00Z".into());
        p
    }

    #[test]
    fn reads_what_this_version_writes_exactly_as_ron_does() {
        let text = to_ron_string(&sample());
        let fast = parse(&text, 1, 2).expect("the fast path reads our own output");
        assert_eq!(fast, crate::project::load_str_general(&text, "t").unwrap().project);
        assert_eq!(fast, sample());
        assert_eq!(from_ron_str(&text, "t").unwrap(), sample());
    }

    #[test]
    fn gives_way_to_ron_outside_its_subset() {
        let text = to_ron_string(&sample());
        for (from, to) in [
            ("format: 2", "format: 3"),
            ("format: 2", "format: 1_0"),
            ("(\n", "Project(\n"),
            ("name:", "// a comment\n    name:"),
            ("name:", "extra: 1,\n    name:"),
            ("\"SQL\"", "r\"SQL\""),
            ("label: \"SQL\"", "label: \"SQ\\x4c\""),
            ("x: 0.1", "x: 1"),
            ("x: 0.1", "x: inf"),
            ("encrypted: true", "encrypted: true, encrypted: false"),
            ("data: \"regulated\"", "data: \"secret\""),
        ] {
            let bad = text.replacen(from, to, 1);
            assert_ne!(bad, text, "{from} not in the text");
            assert!(parse(&bad, 1, 2).is_none(), "fast path accepted {to}");
        }
    }
}
