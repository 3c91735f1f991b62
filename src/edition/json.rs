//! A small reader of parsed JSON for the browser: the engine's own
//! `JSON.parse` reads the text, and these functions take typed values out of
//! it, naming the JSON path of the first thing wrong. serde_json's generic
//! deserializers and one visitor per type cost the module about 25 KB gzip
//! (issue 15); the validator and the publish step keep serde (read.rs).
//!
//! Natively a node is a `serde_json::Value`, so that the same reader runs in
//! `cargo test` and is checked against serde there (reader.rs).

use super::Problem;

#[cfg(target_arch = "wasm32")]
type Raw = wasm_bindgen::JsValue;
#[cfg(not(target_arch = "wasm32"))]
type Raw = serde_json::Value;

/// A parsed JSON value.
pub struct Node(Raw);

pub type Read<T> = Result<T, Problem>;

/// Where a node is: rendered as `$.articles[0].title` only for a problem.
#[derive(Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    pub fn render(&self) -> String {
        match self {
            Path::Root => "$".into(),
            Path::Key(up, key) => format!("{}.{key}", up.render()),
            Path::Index(up, i) => format!("{}[{i}]", up.render()),
        }
    }
}

#[cfg(target_arch = "wasm32")]
impl Node {
    /// A value already parsed (an object a host posted).
    pub fn from_js(value: wasm_bindgen::JsValue) -> Node {
        Node(value)
    }

    /// The engine's `JSON.parse`; its message on a syntax error.
    pub fn parse(text: &str) -> Result<Node, String> {
        js_sys::JSON::parse(text).map(Node).map_err(|e| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
                .unwrap_or_default()
        })
    }

    pub(super) fn kind(&self) -> &'static str {
        let v = &self.0;
        if v.is_string() {
            "字符串"
        } else if v.as_f64().is_some() {
            "数字"
        } else if v.as_bool().is_some() {
            "true/false"
        } else if js_sys::Array::is_array(v) {
            "数组"
        } else if v.is_object() {
            "对象"
        } else {
            "null"
        }
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }

    fn member(&self, key: &str) -> Option<Node> {
        // JSON.parse makes plain objects: none of our keys is on their prototype.
        if !self.is_object() {
            return None;
        }
        let v = js_sys::Reflect::get(&self.0, &key.into()).ok()?;
        (!v.is_undefined()).then_some(Node(v))
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }

    fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }

    pub(super) fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn flag(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Option<(usize, impl Fn(usize) -> Node + '_)> {
        let array = self.0.dyn_ref::<js_sys::Array>()?;
        Some((array.length() as usize, move |i| Node(array.get(i as u32))))
    }
}

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::JsCast;

#[cfg(not(target_arch = "wasm32"))]
impl Node {
    /// Natively no engine value can be read (the host bridge, its one user,
    /// runs in the browser): `null`.
    pub fn from_js(_: wasm_bindgen::JsValue) -> Node {
        Node(Raw::Null)
    }

    /// serde_json's parser (natively the reader only runs in tests).
    pub fn parse(text: &str) -> Result<Node, String> {
        serde_json::from_str(text)
            .map(Node)
            .map_err(|e| e.to_string())
    }

    pub(super) fn kind(&self) -> &'static str {
        match &self.0 {
            Raw::String(_) => "字符串",
            Raw::Number(_) => "数字",
            Raw::Bool(_) => "true/false",
            Raw::Array(_) => "数组",
            Raw::Object(_) => "对象",
            Raw::Null => "null",
        }
    }

    fn is_object(&self) -> bool {
        self.0.is_object()
    }

    fn member(&self, key: &str) -> Option<Node> {
        self.0.as_object()?.get(key).cloned().map(Node)
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }

    fn as_text(&self) -> Option<String> {
        self.0.as_str().map(str::to_string)
    }

    pub(super) fn number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn flag(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn items(&self) -> Option<(usize, impl Fn(usize) -> Node + '_)> {
        let array = self.0.as_array()?;
        Some((array.len(), move |i: usize| Node(array[i].clone())))
    }
}

/// Reads a small UTF-8 JSON file with `read` (search manifest, fragments):
/// the first problem as text, for the console.
pub fn read_json<T>(bytes: &[u8], read: fn(&Node) -> Read<T>) -> Result<T, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_string())?;
    read(&Node::parse(text)?).map_err(|p| p.to_string())
}

/// A wrong type or value at `path`: what was expected, what was found.
pub fn wrong(path: &Path, expected: &str, found: &str) -> Problem {
    Problem::new(
        "type",
        path.render(),
        format!("字段类型或取值不符合格式：应为{expected}，实际是{found}"),
    )
}

impl Node {
    /// Checks that this is an object (the fields are then read with `req`/`opt`).
    pub fn object(&self, path: &Path) -> Read<&Node> {
        if self.is_object() {
            Ok(self)
        } else {
            Err(wrong(path, "对象", self.kind()))
        }
    }

    /// A required field, read by `read`.
    pub fn req<T>(&self, path: &Path, key: &str, read: fn(&Node, &Path) -> Read<T>) -> Read<T> {
        match self.member(key) {
            Some(v) => read(&v, &Path::Key(path, key)),
            None => Err(Problem::new(
                "type",
                path.render(),
                format!("字段类型或取值不符合格式：缺少字段 “{key}”"),
            )),
        }
    }

    /// An optional field: absent or `null` is `None`.
    pub fn opt<T>(
        &self,
        path: &Path,
        key: &str,
        read: fn(&Node, &Path) -> Read<T>,
    ) -> Read<Option<T>> {
        match self.member(key) {
            Some(v) if !v.is_null() => read(&v, &Path::Key(path, key)).map(Some),
            _ => Ok(None),
        }
    }

    /// A field with a default when absent (`null` is not absent).
    pub fn or_default<T: Default>(
        &self,
        path: &Path,
        key: &str,
        read: fn(&Node, &Path) -> Read<T>,
    ) -> Read<T> {
        match self.member(key) {
            Some(v) => read(&v, &Path::Key(path, key)),
            None => Ok(T::default()),
        }
    }

    /// An array of at most `max` items: reading stops at the first one over.
    pub fn list<T>(
        &self,
        path: &Path,
        max: usize,
        read: fn(&Node, &Path) -> Read<T>,
    ) -> Read<Vec<T>> {
        let Some((len, item)) = self.items() else {
            return Err(wrong(path, "数组", self.kind()));
        };
        if len > max {
            return Err(Problem::new(
                "limit",
                path.render(),
                format!("数量超过上限 {max} 个，其后的部分不再读取"),
            ));
        }
        // A plain loop: `collect` into a Result adds an adapter per item type.
        let mut out = Vec::with_capacity(len);
        for i in 0..len {
            out.push(read(&item(i), &Path::Index(path, i))?);
        }
        Ok(out)
    }

    pub fn string(&self, path: &Path) -> Read<String> {
        self.as_text()
            .ok_or_else(|| wrong(path, "字符串", self.kind()))
    }

    /// A string of at most `max` characters (limits.rs: no accepted text
    /// can stall the page).
    pub fn text(&self, path: &Path, max: usize) -> Read<String> {
        let text = self.string(path)?;
        // Bytes bound characters from above: most text is counted without a walk.
        if text.len() > max {
            let count = text.chars().count();
            if count > max {
                return Err(Problem::new(
                    "limit",
                    path.render(),
                    format!("文字有 {count} 字，超过上限 {max} 字"),
                ));
            }
        }
        Ok(text)
    }

    /// A finite number.
    pub fn float(&self, path: &Path) -> Read<f64> {
        self.number()
            .filter(|n| n.is_finite())
            .ok_or_else(|| wrong(path, "数字", self.kind()))
    }

    /// A whole number from 0 to 4294967295.
    pub fn uint(&self, path: &Path) -> Read<u32> {
        match self.number() {
            Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
            Some(_) => Err(wrong(path, "0 到 4294967295 的整数", "其他数字")),
            None => Err(wrong(path, "整数", self.kind())),
        }
    }

    /// `[x, y]`: two finite numbers.
    pub fn pair(&self, path: &Path) -> Read<[f64; 2]> {
        match self.items() {
            Some((2, item)) => Ok([
                item(0).float(&Path::Index(path, 0))?,
                item(1).float(&Path::Index(path, 1))?,
            ]),
            Some(_) => Err(wrong(path, "两个数 [x, y]", "其他长度的数组")),
            None => Err(wrong(path, "数组", self.kind())),
        }
    }

    /// A whole number from -2147483648 to 2147483647.
    pub fn int(&self, path: &Path) -> Read<i32> {
        match self.number() {
            Some(n)
                if n.fract() == 0.0 && (f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&n) =>
            {
                Ok(n as i32)
            }
            Some(_) => Err(wrong(path, "32 位整数", "其他数字")),
            None => Err(wrong(path, "整数", self.kind())),
        }
    }

    pub fn boolean(&self, path: &Path) -> Read<bool> {
        self.flag()
            .ok_or_else(|| wrong(path, "true 或 false", self.kind()))
    }

    /// A string that must be one of `names`; its index.
    pub fn one_of(&self, path: &Path, names: &[&str]) -> Read<usize> {
        let text = self.string(path)?;
        names.iter().position(|n| *n == text).ok_or_else(|| {
            let shown: String = text.chars().take(40).collect();
            wrong(
                path,
                &format!("{} 之一", names.join("、")),
                &format!("“{shown}”"),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(
        text: &str,
        read: fn(&Node, &Path) -> Read<Vec<i32>>,
    ) -> Result<Vec<i32>, (String, &'static str)> {
        let v = Node::parse(text).unwrap();
        v.req(&Path::Root, "a", read).map_err(|p| (p.path, p.code))
    }

    // Also in Chromium (wasm-pack test), where a node is a JsValue from JSON.parse.
    #[test]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn problems_name_the_path_and_the_rule() {
        let ints = |v: &Node, p: &Path| v.list(p, 3, Node::int);
        assert_eq!(at(r#"{"a":[1,-2,3]}"#, ints), Ok(vec![1, -2, 3]));
        assert_eq!(at(r#"{"a":[1,2.5]}"#, ints), Err(("$.a[1]".into(), "type")));
        assert_eq!(at(r#"{"a":[1,"1"]}"#, ints), Err(("$.a[1]".into(), "type")));
        assert_eq!(at(r#"{"a":[1,2,3,4]}"#, ints), Err(("$.a".into(), "limit")));
        assert_eq!(at(r#"{"a":{}}"#, ints), Err(("$.a".into(), "type")));
        assert_eq!(
            at(r#"{"b":[]}"#, ints),
            Err(("$".into(), "type")),
            "missing: the object's path"
        );
        let uints = |v: &Node, p: &Path| v.list(p, 3, |v, p| v.uint(p).map(|n| n as i32));
        assert_eq!(at(r#"{"a":[0,-1]}"#, uints), Err(("$.a[1]".into(), "type")));
        assert_eq!(
            at(r#"{"a":[4294967296]}"#, uints),
            Err(("$.a[0]".into(), "type"))
        );
    }

    #[test]
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    fn small_files_are_read_with_the_first_problem_as_text() {
        let read = |v: &Node| {
            v.object(&Path::Root)?
                .req(&Path::Root, "t", |v, p| v.text(p, 3))
        };
        assert_eq!(read_json(br#"{"t":"abc"}"#, read), Ok("abc".to_string()));
        assert!(read_json(br#"{"t":"abcd"}"#, read)
            .unwrap_err()
            .contains("$.t"));
        assert!(read_json(b"{\"t\":\"\xff\"}", read).is_err(), "not UTF-8");
        assert!(read_json(br#"{"t":"#, read).is_err(), "not JSON");
    }
}
