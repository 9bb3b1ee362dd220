//! A server on loopback for the runtime's unit tests: it answers one
//! request with a canned response. Not part of generated crates.

use std::io::{Read, Write};
use std::net::TcpListener;

/// A server on loopback answering one request with `status` and the JSON
/// `body`; its base URL, and what it received.
pub(crate) fn serve_once(status: u16, body: &'static str) -> (String, std::thread::JoinHandle<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("its address"));
    let served = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().expect("a connection");
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let read = stream.read(&mut buffer).expect("the request");
            if read == 0 {
                break;
            }
            request.extend_from_slice(&buffer[..read]);
        }
        let head = format!(
                "HTTP/1.1 {status} Status\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                body.len()
            );
        stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes())).expect("the response");
        String::from_utf8_lossy(&request).into_owned()
    });
    (base, served)
}
