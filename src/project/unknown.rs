//! Fields this version of srm-planner does not know, kept so that load → save gives them back.
//!
//! A newer srm-planner may write fields that this one has never heard of (for example a colour on
//! a component). Dropping them on save would silently destroy the newer version's data, so the
//! loader keeps each unknown field's RON text verbatim, attached to a stable [`Anchor`] (the
//! project, a component by id, a connection by its ends, a to-do by id), and the saver writes it
//! back inside the same struct.
//!
//! How it works with ron 0.12, whose structs cannot carry a serde `flatten` map without turning
//! into `{ "key": value }` maps:
//! - reading: one extra pass over the text with a schema-driven [`serde::de::DeserializeSeed`]
//!   ([`capture`]) that walks the project, its components (and their positions), connections and
//!   to-dos, compares each field name with the fields the derived `Deserialize` knows (probed from
//!   the derive itself, so a field added to the structs later is known automatically), and keeps
//!   the others as [`ron::value::RawValue`] text;
//! - writing: the derived `Serialize` runs through [`Splice`], a serializer wrapper that tracks
//!   where it is (`components[3].position`) and appends the unknown fields of that struct before
//!   closing it.
//!
//! Unknown field names must be `&'static str` for serde's struct serializer; they are interned
//! (leaked once per distinct name), which bounds the cost by the names actually met.

use super::{Boundary, BoundaryId, Component, ComponentId, Connection, Pos, Project, Rect, TodoState};
use ron::value::RawValue;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{self, Serialize, Serializer};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::sync::{Mutex, OnceLock};

/// Where a struct with unknown fields sits, in terms that survive edits (ids, not indices).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Anchor {
    /// The project itself (top-level fields).
    Project,
    /// A component, by id.
    Component(ComponentId),
    /// A component's `position`.
    Position(ComponentId),
    /// A connection, by its ends and its rank among connections with the same ends.
    Connection {
        /// Where it starts.
        from: ComponentId,
        /// Where it ends.
        to: ComponentId,
        /// 0 for the first connection with these ends, 1 for the second, ...
        nth: usize,
    },
    /// A to-do's saved state, by to-do id.
    Todo(String),
    /// A boundary, by id.
    Boundary(BoundaryId),
    /// A boundary's `rect`.
    Rect(BoundaryId),
}

/// Unknown fields of a project, by where they sit. Each field is `(name, RON text)`, in file
/// order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UnknownFields {
    map: BTreeMap<Anchor, Vec<(String, String)>>,
}

impl UnknownFields {
    /// True when the file had no unknown fields.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The unknown fields at `anchor`, as `(name, RON text)`.
    pub fn get(&self, anchor: &Anchor) -> &[(String, String)] {
        self.map.get(anchor).map_or(&[], Vec::as_slice)
    }

    /// Adds an unknown field. `ron_text` must be one valid RON value; an invalid one is refused
    /// (returns false) so that saving can never write a broken file.
    pub fn insert(&mut self, anchor: Anchor, name: &str, ron_text: &str) -> bool {
        let valid_name = !name.is_empty()
            && name.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '+' | '-'));
        if !valid_name || RawValue::from_ron(ron_text).is_err() {
            return false;
        }
        let fields = self.map.entry(anchor).or_default();
        fields.retain(|(n, _)| n != name);
        fields.push((name.to_string(), ron_text.trim().to_string()));
        true
    }

    /// Forgets the fields of components, connections and to-dos that `project` no longer has
    /// (they would not be saved anyway).
    pub fn prune(&mut self, project: &Project) {
        let connections: BTreeSet<Anchor> = connection_anchors(&project.connections).into_iter().collect();
        self.map.retain(|a, _| match a {
            Anchor::Project => true,
            Anchor::Component(id) | Anchor::Position(id) => project.component(*id).is_some(),
            Anchor::Connection { .. } => connections.contains(a),
            Anchor::Todo(id) => project.todos.contains_key(id),
            Anchor::Boundary(id) | Anchor::Rect(id) => project.boundary(*id).is_some(),
        });
    }
}

/// The anchor of each connection, in list order.
pub(crate) fn connection_anchors(connections: &[Connection]) -> Vec<Anchor> {
    let mut seen: BTreeMap<(ComponentId, ComponentId), usize> = BTreeMap::new();
    connections
        .iter()
        .map(|k| {
            let n = seen.entry((k.from, k.to)).or_insert(0);
            let a = Anchor::Connection { from: k.from, to: k.to, nth: *n };
            *n += 1;
            a
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Known fields, probed from the derived `Deserialize` impls.

/// The field names a derived `Deserialize` struct accepts.
fn probe_fields<T: DeserializeOwned>() -> &'static [&'static str] {
    #[derive(Debug)]
    struct Stop;
    impl fmt::Display for Stop {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("probe")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> de::Deserializer<'de> for Probe<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// The structs of a project file whose unknown fields are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Project,
    Component,
    Pos,
    Connection,
    TodoState,
    Boundary,
    Rect,
}

/// What a known field holds, when it holds structs we look into.
enum Child {
    Struct(Kind),
    Seq(Kind),
    Map(Kind),
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Project => "Project",
            Kind::Component => "Component",
            Kind::Pos => "Pos",
            Kind::Connection => "Connection",
            Kind::TodoState => "TodoState",
            Kind::Boundary => "Boundary",
            Kind::Rect => "Rect",
        }
    }

    fn known(self) -> &'static [&'static str] {
        static KNOWN: OnceLock<[&'static [&'static str]; 7]> = OnceLock::new();
        let all = KNOWN.get_or_init(|| {
            [
                probe_fields::<Project>(),
                probe_fields::<Component>(),
                probe_fields::<Pos>(),
                probe_fields::<Connection>(),
                probe_fields::<TodoState>(),
                probe_fields::<Boundary>(),
                probe_fields::<Rect>(),
            ]
        });
        all[self as usize]
    }

    fn child(self, field: &str) -> Option<Child> {
        match (self, field) {
            (Kind::Project, "components") => Some(Child::Seq(Kind::Component)),
            (Kind::Project, "connections") => Some(Child::Seq(Kind::Connection)),
            (Kind::Project, "todos") => Some(Child::Map(Kind::TodoState)),
            (Kind::Project, "boundaries") => Some(Child::Seq(Kind::Boundary)),
            (Kind::Component, "position") => Some(Child::Struct(Kind::Pos)),
            (Kind::Boundary, "rect") => Some(Child::Struct(Kind::Rect)),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading: one pass that keeps unknown fields by file position.

/// One step of a path inside the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Field(&'static str),
    Index(usize),
    Key(String),
}

/// Unknown fields of one struct, `(name, RON text)`, found at a path of the file (file indices,
/// before any repair).
pub(crate) type FoundFields = Vec<(Vec<Seg>, Vec<(String, String)>)>;

/// Unknown fields found in a file.
#[derive(Debug, Default)]
pub(crate) struct Captured {
    /// The top-level `format` value, when it reads as a number.
    pub format: Option<u64>,
    /// `(path of the struct, [(name, RON text)])`.
    pub fields: FoundFields,
}

struct Capture<'a> {
    out: &'a RefCell<Captured>,
    path: &'a RefCell<Vec<Seg>>,
}

struct StructSeed<'a> {
    cap: &'a Capture<'a>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for StructSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_struct(self.kind.name(), self.kind.known(), self)
    }
}

impl<'de> Visitor<'de> for StructSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} struct", self.kind.name())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let known = self.kind.known();
        let mut unknown = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(&name) = known.iter().find(|k| **k == key) {
                let cap = self.cap;
                cap.path.borrow_mut().push(Seg::Field(name));
                let r = match self.kind.child(name) {
                    Some(Child::Struct(kind)) => map.next_value_seed(StructSeed { cap, kind }),
                    Some(Child::Seq(kind)) => map.next_value_seed(SeqSeed { cap, kind }),
                    Some(Child::Map(kind)) => map.next_value_seed(MapSeed { cap, kind }),
                    None if self.kind == Kind::Project && name == "format" => {
                        let raw: Box<RawValue> = map.next_value()?;
                        cap.out.borrow_mut().format = raw.into_rust::<u64>().ok();
                        Ok(())
                    }
                    None => map.next_value::<IgnoredAny>().map(|_| ()),
                };
                cap.path.borrow_mut().pop();
                r?;
            } else {
                let raw: Box<RawValue> = map.next_value()?;
                unknown.retain(|(n, _): &(String, String)| *n != key);
                unknown.push((key, raw.trim().get_ron().to_string()));
            }
        }
        if !unknown.is_empty() {
            let path = self.cap.path.borrow().clone();
            self.cap.out.borrow_mut().fields.push((path, unknown));
        }
        Ok(())
    }
}

struct SeqSeed<'a> {
    cap: &'a Capture<'a>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for SeqSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SeqSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {}", self.kind.name())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            self.cap.path.borrow_mut().push(Seg::Index(i));
            let r = seq.next_element_seed(StructSeed { cap: self.cap, kind: self.kind });
            self.cap.path.borrow_mut().pop();
            if r?.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }
}

struct MapSeed<'a> {
    cap: &'a Capture<'a>,
    kind: Kind,
}

impl<'de> DeserializeSeed<'de> for MapSeed<'_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for MapSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a map of {}", self.kind.name())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            self.cap.path.borrow_mut().push(Seg::Key(key));
            let r = map.next_value_seed(StructSeed { cap: self.cap, kind: self.kind });
            self.cap.path.borrow_mut().pop();
            r?;
        }
        Ok(())
    }
}

/// Reads the unknown fields (and the `format` number) of a project file in one pass.
pub(crate) fn capture(text: &str, opts: &ron::Options) -> Result<Captured, ron::error::SpannedError> {
    let out = RefCell::new(Captured::default());
    let path = RefCell::new(Vec::new());
    let cap = Capture { out: &out, path: &path };
    opts.from_str_seed(text, StructSeed { cap: &cap, kind: Kind::Project })?;
    Ok(out.into_inner())
}

/// Keeps the unknown fields of a migrated document (a [`ron::Value`] tree). Struct syntax is lost
/// there (`ron::Value` does not keep it), so nested unknown values are written back as maps.
pub(crate) fn capture_value(value: &ron::Value) -> Captured {
    fn walk(v: &ron::Value, kind: Kind, path: &mut Vec<Seg>, out: &mut Captured) {
        let ron::Value::Map(map) = v else { return };
        let known = kind.known();
        let mut unknown = Vec::new();
        for (k, v) in map.iter() {
            let ron::Value::String(key) = k else { continue };
            match known.iter().find(|n| **n == key.as_str()) {
                Some(&name) => {
                    path.push(Seg::Field(name));
                    match (kind.child(name), v) {
                        (Some(Child::Struct(kind)), _) => walk(v, kind, path, out),
                        (Some(Child::Seq(kind)), ron::Value::Seq(items)) => {
                            for (i, item) in items.iter().enumerate() {
                                path.push(Seg::Index(i));
                                walk(item, kind, path, out);
                                path.pop();
                            }
                        }
                        (Some(Child::Map(kind)), ron::Value::Map(m)) => {
                            for (k, item) in m.iter() {
                                if let ron::Value::String(k) = k {
                                    path.push(Seg::Key(k.clone()));
                                    walk(item, kind, path, out);
                                    path.pop();
                                }
                            }
                        }
                        _ => {}
                    }
                    path.pop();
                }
                None => {
                    if let Ok(text) = ron::to_string(v) {
                        unknown.push((key.clone(), text));
                    }
                }
            }
        }
        if !unknown.is_empty() {
            out.fields.push((path.clone(), unknown));
        }
    }
    let mut out = Captured::default();
    walk(value, Kind::Project, &mut Vec::new(), &mut out);
    out
}

/// The anchor of the struct at `path` in a project file (the project, a component, its
/// position, a connection, a to-do state, a boundary, its rect), if it is one that keeps unknown
/// fields. The project's components and boundaries must be index-aligned with the file (repairs
/// may have renumbered ids, never reordered); `connection_anchors` are those of the file's list.
fn anchor_at(path: &[Seg], project: &Project, connection_anchors: &[Anchor]) -> Option<Anchor> {
    let (components, boundaries) = (&project.components, &project.boundaries);
    match path {
        [] => Some(Anchor::Project),
        [Seg::Field("components"), Seg::Index(i)] => components.get(*i).map(|c| Anchor::Component(c.id)),
        [Seg::Field("components"), Seg::Index(i), Seg::Field("position")] => {
            components.get(*i).map(|c| Anchor::Position(c.id))
        }
        [Seg::Field("connections"), Seg::Index(i)] => connection_anchors.get(*i).cloned(),
        [Seg::Field("todos"), Seg::Key(k)] => Some(Anchor::Todo(k.clone())),
        [Seg::Field("boundaries"), Seg::Index(i)] => boundaries.get(*i).map(|b| Anchor::Boundary(b.id)),
        [Seg::Field("boundaries"), Seg::Index(i), Seg::Field("rect")] => {
            boundaries.get(*i).map(|b| Anchor::Rect(b.id))
        }
        _ => None,
    }
}

pub(crate) fn anchor_fields(
    captured: FoundFields,
    project: &Project,
    connection_anchors: &[Anchor],
) -> UnknownFields {
    let mut out = UnknownFields::default();
    for (path, fields) in captured {
        if let Some(anchor) = anchor_at(&path, project, connection_anchors) {
            for (name, text) in fields {
                out.insert(anchor.clone(), &name, &text);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Writing: a serializer wrapper that appends unknown fields to the right structs.

fn intern(name: &str) -> &'static str {
    static NAMES: OnceLock<Mutex<BTreeSet<&'static str>>> = OnceLock::new();
    let mut set = NAMES.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(n) = set.get(name) {
        return n;
    }
    let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
    set.insert(leaked);
    leaked
}

/// What [`Splice`] needs: the project (to turn positions into anchors) and where it is.
pub(crate) struct SpliceCtx<'p> {
    project: &'p Project,
    connection_anchors: Vec<Anchor>,
    path: RefCell<Vec<Seg>>,
}

impl<'p> SpliceCtx<'p> {
    pub(crate) fn new(project: &'p Project) -> Self {
        SpliceCtx {
            project,
            connection_anchors: connection_anchors(&project.connections),
            path: RefCell::new(Vec::new()),
        }
    }

    fn extras_here(&self) -> &'p [(String, String)] {
        let path = self.path.borrow();
        let p = self.project;
        anchor_at(&path, p, &self.connection_anchors).map_or(&[], |a| p.unknown.get(&a))
    }
}

/// A project that serializes with its unknown fields put back.
pub(crate) struct WithUnknown<'p>(pub(crate) &'p Project);

impl Serialize for WithUnknown<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let ctx = SpliceCtx::new(self.0);
        self.0.serialize(Splice { inner: s, ctx: &ctx })
    }
}

/// A serializer that forwards to `inner` and appends unknown fields to structs.
pub(crate) struct Splice<'a, 'p, S> {
    pub(crate) inner: S,
    pub(crate) ctx: &'a SpliceCtx<'p>,
}

/// A value to serialize one level down the path.
struct Wrap<'a, 'p, T: ?Sized> {
    value: &'a T,
    ctx: &'a SpliceCtx<'p>,
    seg: Option<Seg>,
}

impl<T: Serialize + ?Sized> Serialize for Wrap<'_, '_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let Some(seg) = &self.seg {
            self.ctx.path.borrow_mut().push(seg.clone());
        }
        let r = self.value.serialize(Splice { inner: s, ctx: self.ctx });
        if self.seg.is_some() {
            self.ctx.path.borrow_mut().pop();
        }
        r
    }
}

/// The compound serializers of [`Splice`].
pub(crate) struct Compound<'a, 'p, C> {
    inner: C,
    ctx: &'a SpliceCtx<'p>,
    index: usize,
    key: Option<String>,
    extras: &'p [(String, String)],
}

impl<'a, 'p, C> Compound<'a, 'p, C> {
    fn new(inner: C, ctx: &'a SpliceCtx<'p>) -> Self {
        Compound { inner, ctx, index: 0, key: None, extras: &[] }
    }

    fn next<'v, T: ?Sized>(&mut self, value: &'v T) -> Wrap<'v, 'p, T>
    where
        'a: 'v,
    {
        let seg = Seg::Index(self.index);
        self.index += 1;
        Wrap { value, ctx: self.ctx, seg: Some(seg) }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<'a, 'p, S: Serializer> Serializer for Splice<'a, 'p, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, 'p, S::SerializeSeq>;
    // No struct that can carry unknown fields ever sits inside a tuple or an enum variant with
    // fields (see `Kind::child`), so those pass straight through.
    type SerializeTuple = S::SerializeTuple;
    type SerializeTupleStruct = S::SerializeTupleStruct;
    type SerializeTupleVariant = S::SerializeTupleVariant;
    type SerializeMap = Compound<'a, 'p, S::SerializeMap>;
    type SerializeStruct = Compound<'a, 'p, S::SerializeStruct>;
    type SerializeStructVariant = S::SerializeStructVariant;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Wrap { value, ctx: self.ctx, seg: None })
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_struct(name, &Wrap { value, ctx: self.ctx, seg: None })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_newtype_variant(name, index, variant, &Wrap { value, ctx: self.ctx, seg: None })
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(Compound::new(self.inner.serialize_seq(len)?, self.ctx))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.inner.serialize_tuple(len)
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.inner.serialize_tuple_struct(name, len)
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.inner.serialize_tuple_variant(name, index, variant, len)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Ok(Compound::new(self.inner.serialize_map(len)?, self.ctx))
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Self::SerializeStruct, S::Error> {
        let extras = self.ctx.extras_here();
        let mut c = Compound::new(self.inner.serialize_struct(name, len + extras.len())?, self.ctx);
        c.extras = extras;
        Ok(c)
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.inner.serialize_struct_variant(name, index, variant, len)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

impl<C: ser::SerializeSeq> ser::SerializeSeq for Compound<'_, '_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let w = self.next(value);
        self.inner.serialize_element(&w)
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeMap> ser::SerializeMap for Compound<'_, '_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), C::Error> {
        // Map keys of a project are strings (to-do ids); any other key just has no anchor.
        self.key = ron::to_string(key).ok().and_then(|t| ron::from_str::<String>(&t).ok());
        self.inner.serialize_key(&Wrap { value: key, ctx: self.ctx, seg: None })
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), C::Error> {
        let seg = self.key.take().map(Seg::Key);
        self.inner.serialize_value(&Wrap { value, ctx: self.ctx, seg })
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.inner.end()
    }
}

impl<C: ser::SerializeStruct> ser::SerializeStruct for Compound<'_, '_, C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), C::Error> {
        self.inner.serialize_field(key, &Wrap { value, ctx: self.ctx, seg: Some(Seg::Field(key)) })
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), C::Error> {
        self.inner.skip_field(key)
    }
    fn end(mut self) -> Result<C::Ok, C::Error> {
        for (name, text) in self.extras {
            // `UnknownFields::insert` only keeps valid RON, so this cannot fail in practice; a
            // value that does is skipped rather than breaking the whole file.
            if let Ok(raw) = RawValue::from_ron(text) {
                self.inner.serialize_field(intern(name), raw)?;
            }
        }
        self.inner.end()
    }
}
