//! Typed handles and the vectors they index: an [`Arena`] of `T` is addressed only by its own handle
//! type `H` (a [`Val`](super::Val) cannot index the variables), so no caller converts to `usize`.

use std::fmt;
use std::hash::Hash;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// A typed index into an [`Arena`]: a `u32` position that only its own arenas accept.
pub trait Handle: Copy + Eq + Ord + Hash + fmt::Debug {
    /// The position in the arena.
    fn index(self) -> usize;
    /// The handle of position `index`. Panics past `u32::MAX`: no program is that large (the
    /// checker bounds the inlined size of a spec).
    fn from_index(index: usize) -> Self;
}

/// Declares a handle type: a `u32` newtype whose field only [`Handle`] reads and writes.
macro_rules! handle {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $crate::ir::arena::Handle for $name {
            #[inline(always)]
            fn index(self) -> usize {
                self.0 as usize
            }
            #[inline]
            fn from_index(index: usize) -> Self {
                $name(u32::try_from(index).expect(concat!(stringify!($name), " index fits in u32")))
            }
        }
    };
}
pub(crate) use handle;

/// A vector of `T` addressed by handles of type `H`: the storage of values and variables, and the
/// side tables a backend keeps per handle ([`Arena::map`]).
#[derive(Clone, PartialEq, Eq)]
pub struct Arena<H, T> {
    items: Vec<T>,
    marker: PhantomData<fn(H) -> H>,
}

impl<H: Handle, T> Arena<H, T> {
    pub const fn new() -> Self {
        Arena { items: Vec::new(), marker: PhantomData }
    }

    /// Appends `value` and returns its handle.
    pub fn push(&mut self, value: T) -> H {
        let h = H::from_index(self.items.len());
        self.items.push(value);
        h
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether `h` names an element (a handle from another program may not).
    pub fn contains(&self, h: H) -> bool {
        h.index() < self.items.len()
    }

    pub fn get(&self, h: H) -> Option<&T> {
        self.items.get(h.index())
    }

    pub fn get_mut(&mut self, h: H) -> Option<&mut T> {
        self.items.get_mut(h.index())
    }

    /// The elements in handle order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// The elements with their handles, in handle order.
    pub fn iter_enumerated(&self) -> impl ExactSizeIterator<Item = (H, &T)> + '_ {
        self.items.iter().enumerate().map(|(i, t)| (H::from_index(i), t))
    }

    /// Every handle, in order.
    pub fn handles(&self) -> impl ExactSizeIterator<Item = H> + use<H, T> {
        (0..self.items.len()).map(H::from_index)
    }

    /// A side table with the same handles: `f` of every element, in order.
    pub fn map<U>(&self, f: impl FnMut(&T) -> U) -> Arena<H, U> {
        Arena { items: self.items.iter().map(f).collect(), marker: PhantomData }
    }
}

impl<H: Handle, T> Default for Arena<H, T> {
    fn default() -> Self {
        Arena::new()
    }
}

impl<H: Handle, T: fmt::Debug> fmt::Debug for Arena<H, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Like the `Vec` it replaced, so debug output does not change.
        fmt::Debug::fmt(&self.items, f)
    }
}

impl<H: Handle, T> Index<H> for Arena<H, T> {
    type Output = T;
    #[inline]
    fn index(&self, h: H) -> &T {
        &self.items[h.index()]
    }
}

impl<H: Handle, T> IndexMut<H> for Arena<H, T> {
    #[inline]
    fn index_mut(&mut self, h: H) -> &mut T {
        &mut self.items[h.index()]
    }
}

impl<H: Handle, T> FromIterator<T> for Arena<H, T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Arena { items: iter.into_iter().collect(), marker: PhantomData }
    }
}

impl<'a, H: Handle, T> IntoIterator for &'a Arena<H, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}
