package org.yiwang.governance.internal.open311;

import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * The two response formats of GeoReport v2, chosen by the path's extension ({@code .json} / {@code .xml}).
 * Documents are maps and lists: a map is an element with children, a list repeats its singular element
 * ({@code attributes} → {@code attribute}, {@code values} → {@code value}, …), null is an empty element.
 * XML is written with StAX, which escapes text; characters XML 1.0 cannot carry are dropped.
 */
enum Open311Format {
    JSON(new MediaType("application", "json", java.nio.charset.StandardCharsets.UTF_8)),
    XML(new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8));

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final XMLOutputFactory XML_OUT = XMLOutputFactory.newFactory();

    private final MediaType mediaType;

    Open311Format(MediaType mediaType) {
        this.mediaType = mediaType;
    }

    MediaType mediaType() {
        return mediaType;
    }

    /** The format of an extension; 400 error document (in JSON) for anything else. */
    static Open311Format of(String extension) {
        if ("json".equalsIgnoreCase(extension)) {
            return JSON;
        }
        if ("xml".equalsIgnoreCase(extension)) {
            return XML;
        }
        throw Open311Exception.badRequest("不支持的格式：" + extension + "（应为 .json 或 .xml）",
                "Unsupported format: " + extension + " (use .json or .xml)");
    }

    /** A list document: JSON array, or {@code <root><item>…</item>…</root>}. */
    String list(String root, String item, List<? extends Map<String, ?>> rows) {
        if (this == JSON) {
            return MAPPER.writeValueAsString(rows);
        }
        return xml(w -> {
            w.writeStartElement(root);
            for (Map<String, ?> row : rows) {
                element(w, item, row);
            }
            w.writeEndElement();
        });
    }

    /** A single-object document: JSON object, or {@code <root>…</root>}. */
    String object(String root, Map<String, ?> fields) {
        if (this == JSON) {
            return MAPPER.writeValueAsString(fields);
        }
        return xml(w -> element(w, root, fields));
    }

    private interface XmlWork {
        void write(XMLStreamWriter w) throws XMLStreamException;
    }

    private static String xml(XmlWork work) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter w = XML_OUT.createXMLStreamWriter(out);
            w.writeStartDocument("UTF-8", "1.0");
            work.write(w);
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write Open311 XML", e);
        }
        return out.toString();
    }

    private static void element(XMLStreamWriter w, String name, Object value) throws XMLStreamException {
        w.writeStartElement(name);
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                element(w, String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> l) {
            String child = singular(name);
            for (Object o : l) {
                element(w, child, o);
            }
        } else if (value != null) {
            w.writeCharacters(xmlText(String.valueOf(value)));
        }
        w.writeEndElement();
    }

    static String singular(String plural) {
        return plural.endsWith("s") ? plural.substring(0, plural.length() - 1) : plural + "_item";
    }

    /** Drops the characters XML 1.0 cannot represent (control characters other than tab, newline, carriage return). */
    static String xmlText(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean ok = ch == 0x9 || ch == 0xA || ch == 0xD || (ch >= 0x20 && ch <= 0xD7FF) || (ch >= 0xE000 && ch <= 0xFFFD)
                    || Character.isSurrogate(ch);
            if (!ok) {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(0, i));
                }
            } else if (sb != null) {
                sb.append(ch);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
