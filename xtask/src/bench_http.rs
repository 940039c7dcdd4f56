//! A minimal HTTP/1.1 keep-alive client for the load generator: the request bytes are built
//! once, then each exchange is one write and the reads of one answer (`Content-Length` or
//! chunked). A general client costs several times more CPU per request, and on a 2-core machine
//! every cycle the generator spends is taken from the server it measures.

use std::io::{self, Read, Write};
use std::net::TcpStream;

/// One open connection to `host:port`.
pub(crate) struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

/// The bytes of a request to `url` (`http://host:port/path`), with `headers` and `body`.
pub(crate) fn encode(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: &str,
) -> Option<(String, Vec<u8>)> {
    let rest = url.strip_prefix("http://")?;
    let (authority, path) = rest.find('/').map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
    let mut text = format!("{method} {path} HTTP/1.1\r\nHost: {authority}\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if method != "GET" {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("\r\n");
    text.push_str(body);
    Some((authority.to_owned(), text.into_bytes()))
}

impl Connection {
    /// Connects to `authority` (`host:port`).
    pub(crate) fn open(authority: &str) -> io::Result<Self> {
        let stream = TcpStream::connect(authority)?;
        stream.set_nodelay(true)?;
        Ok(Self { stream, buffer: Vec::with_capacity(16 * 1024) })
    }

    /// Sends `request` and reads the whole answer; returns its status and body.
    pub(crate) fn exchange(&mut self, request: &[u8]) -> io::Result<(u16, Vec<u8>)> {
        self.stream.write_all(request)?;
        self.buffer.clear();
        let head_end = loop {
            if let Some(at) = find(&self.buffer, b"\r\n\r\n") {
                break at + 4;
            }
            self.fill()?;
        };
        let head = String::from_utf8_lossy(&self.buffer[..head_end]).to_ascii_lowercase();
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|code| code.parse().ok())
            .ok_or_else(|| invalid("no status line"))?;
        let header = |name: &str| {
            head.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                (key.trim() == name).then(|| value.trim().to_owned())
            })
        };
        let body = if let Some(length) = header("content-length") {
            let length: usize = length.parse().map_err(|_| invalid("bad content-length"))?;
            while self.buffer.len() < head_end + length {
                self.fill()?;
            }
            self.buffer[head_end..head_end + length].to_vec()
        } else if header("transfer-encoding").is_some_and(|value| value.contains("chunked")) {
            self.chunked(head_end)?
        } else {
            return Err(invalid("answer without a length"));
        };
        Ok((status, body))
    }

    /// Decodes a chunked body that starts at `at` in the buffer.
    fn chunked(&mut self, mut at: usize) -> io::Result<Vec<u8>> {
        let mut body = Vec::new();
        loop {
            let line_end = loop {
                if let Some(end) = find(&self.buffer[at..], b"\r\n") {
                    break at + end;
                }
                self.fill()?;
            };
            let size_text = String::from_utf8_lossy(&self.buffer[at..line_end]);
            let size_text = size_text.split(';').next().unwrap_or_default().trim().to_owned();
            let size =
                usize::from_str_radix(&size_text, 16).map_err(|_| invalid("bad chunk size"))?;
            // The chunk, then its CRLF; the last chunk (size 0) ends with an empty line.
            while self.buffer.len() < line_end + 2 + size + 2 {
                self.fill()?;
            }
            body.extend_from_slice(&self.buffer[line_end + 2..line_end + 2 + size]);
            at = line_end + 2 + size + 2;
            if size == 0 {
                return Ok(body);
            }
        }
    }

    fn fill(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let read = self.stream.read(&mut chunk)?;
        if read == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "connection closed"));
        }
        self.buffer.extend_from_slice(&chunk[..read]);
        Ok(())
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn requests_are_encoded_once() {
        let headers = vec![("Authorization".to_owned(), "Bearer x".to_owned())];
        let (authority, bytes) =
            encode("POST", "http://127.0.0.1:9/v1/x?a=b", &headers, "k=v").unwrap_or_default();
        assert_eq!(authority, "127.0.0.1:9");
        assert_eq!(
            String::from_utf8_lossy(&bytes),
            "POST /v1/x?a=b HTTP/1.1\r\nHost: 127.0.0.1:9\r\nAuthorization: Bearer x\r\n\
             Content-Length: 3\r\n\r\nk=v"
        );
    }
}
