//! Resources whose hydration data is read by the same JSON code as server functions' answers.
//!
//! A server function's answer is decoded with `serde_json::from_slice`; Leptos' default
//! resource codec reads the data the server embeds in the page with `serde_json::from_str`.
//! Each reader is its own instantiation of every `Deserialize` impl, so every type a page
//! loads was compiled twice into the WebAssembly. [`Json`] reads the embedded data as bytes.

use leptos::prelude::*;
use leptos::server::codee::string::JsonSerdeCodec;
use leptos::server::codee::{Decoder, Encoder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// JSON through `serde_json`: written as Leptos' default codec writes it, decoded from bytes.
pub struct Json;

impl<T: Serialize> Encoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(value: &T) -> Result<String, Self::Error> {
        JsonSerdeCodec::encode(value)
    }
}

impl<T: DeserializeOwned> Decoder<T> for Json {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(encoded: &str) -> Result<T, Self::Error> {
        serde_json::from_slice(encoded.as_bytes())
    }
}

/// A resource as `Resource::new` makes one, with the [`Json`] codec.
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, Json>
where
    T: Serialize + DeserializeOwned + Send + Sync + 'static,
    S: PartialEq + Clone + Send + Sync + 'static,
    Fut: Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_the_server_embeds_reads_back_the_same() {
        let value: Result<Vec<(i32, String)>, String> = Ok(vec![(1, "Ève « LeBlanc »".into())]);
        let encoded = <Json as Encoder<_>>::encode(&value).unwrap();
        let decoded: Result<Vec<(i32, String)>, String> = Json::decode(&encoded).unwrap();
        assert_eq!(decoded, value);
        assert!(<Json as Decoder<Vec<i32>>>::decode("[1,").is_err());
    }
}
