//! What a reader can ask for, as one type that views send up to the app.

#[derive(Debug, Clone, PartialEq)]
pub enum Nav {
    /// Turn to a page (closes the reader).
    Page(u32),
    /// Open an article from the page or the list.
    Open(String),
    /// Go to another article from inside the reader (上一篇/下一篇).
    Step(String),
    Close,
    /// Open another edition (往期).
    Date(String),
}
