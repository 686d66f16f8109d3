package org.yiwang.services.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import org.yiwang.services.CatalogQuery;
import org.yiwang.services.SearchHit;
import org.yiwang.services.ServiceItem;
import org.yiwang.services.ServiceZone;

/**
 * The Chinese full-text index of the published catalog (Lucene, smartcn analyser, in memory). It is rebuilt
 * from the database whenever the catalog's change counter ({@code services_catalog_state}) differs from the
 * one it was built at: after a change on this node, and after a change on any other node (multi-node).
 * <p>
 * Indexed: name (strongest), keywords, item synonyms, department name and zone names. A query is also
 * expanded with the city-wide synonym groups of {@code services/synonyms.txt} (e.g. 开公司 → 企业开办,
 * 营业执照; 驾照 → 机动车驾驶证), with a lower weight than the words typed.
 */
@Component
class CatalogIndex {

    private static final Map<String, Float> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("name", 4f);
        FIELDS.put("synonyms", 3f);
        FIELDS.put("keywords", 2f);
        FIELDS.put("zones", 1f);
        FIELDS.put("department", 0.5f);
    }

    private static final float EXPANSION_WEIGHT = 0.6f;

    private final ItemStore store;
    private final Analyzer analyzer = new SmartChineseAnalyzer();
    private final List<List<String>> synonymGroups;

    private record Snapshot(long version, IndexSearcher searcher, Map<String, ServiceItem> items) {
    }

    private volatile Snapshot snapshot;

    CatalogIndex(ItemStore store) {
        this.store = store;
        this.synonymGroups = loadSynonyms("services/synonyms.txt");
    }

    /** Searches the published catalog (rebuilding the index first when the catalog changed). */
    List<SearchHit> search(CatalogQuery q) {
        Snapshot s = current();
        int limit = q.limit() <= 0 ? 20 : Math.min(q.limit(), 200);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        Query text = q.text() == null || q.text().isBlank() ? null : textQuery(q.text().trim());
        b.add(text == null ? new MatchAllDocsQuery() : text, BooleanClause.Occur.MUST);
        if (q.zone() != null) {
            b.add(new TermQuery(new Term("zone", q.zone().name())), BooleanClause.Occur.FILTER);
        }
        if (q.departmentId() != null && !q.departmentId().isBlank()) {
            b.add(new TermQuery(new Term("departmentId", q.departmentId().trim())), BooleanClause.Occur.FILTER);
        }
        if (q.level() != null) {
            b.add(new TermQuery(new Term("level", q.level().name())), BooleanClause.Occur.FILTER);
        }
        Query query = b.build();
        try {
            TopDocs top = s.searcher().search(query, text == null ? Math.max(1, s.items().size()) : limit);
            List<SearchHit> hits = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                String id = s.searcher().storedFields().document(sd.doc).get("id");
                ServiceItem item = s.items().get(id);
                hits.add(new SearchHit(item, text == null ? 0f : sd.score, text == null ? HtmlUtils.htmlEscape(item.name()) : highlight(text, item)));
            }
            if (text == null) {
                hits.sort(Comparator.comparing((SearchHit h) -> h.item().name()).thenComparing(h -> h.item().implementationCode()));
                return hits.size() > limit ? List.copyOf(hits.subList(0, limit)) : hits;
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forces a rebuild at the next search (e.g. after the demo catalog was loaded in the same JVM). */
    void invalidate() {
        snapshot = null;
    }

    private Snapshot current() {
        long version = store.catalogVersion();
        Snapshot s = snapshot;
        if (s != null && s.version() == version) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (s == null || s.version() != version) {
                s = build(version);
                snapshot = s;
            }
            return s;
        }
    }

    private Snapshot build(long version) {
        List<ServiceItem> published = store.byStatus(org.yiwang.services.ItemStatus.PUBLISHED);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        Map<String, ServiceItem> items = new LinkedHashMap<>();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
            for (ServiceItem item : published) {
                items.put(item.id(), item);
                Document d = new Document();
                d.add(new StringField("id", item.id(), Field.Store.YES));
                d.add(new StringField("departmentId", item.departmentId(), Field.Store.NO));
                d.add(new StringField("level", item.level().name(), Field.Store.NO));
                item.zones().forEach(z -> d.add(new StringField("zone", z.name(), Field.Store.NO)));
                d.add(new TextField("name", item.name(), Field.Store.NO));
                d.add(new TextField("keywords", String.join(" ", item.keywords()), Field.Store.NO));
                d.add(new TextField("synonyms", String.join(" ", item.synonyms()), Field.Store.NO));
                d.add(new TextField("department", item.departmentName(), Field.Store.NO));
                d.add(new TextField("zones", String.join(" ", item.zones().stream().map(ServiceZone::zh).toList()), Field.Store.NO));
                w.addDocument(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Snapshot(version, new IndexSearcher(DirectoryReader.open(dir)), Map.copyOf(items));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The typed words over every field (and as a phrase on the name), plus the synonym expansion. */
    Query textQuery(String text) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        boolean any = addPhrase(all, text, 1f);
        String lower = text.toLowerCase(Locale.ROOT);
        Set<String> expansions = new LinkedHashSet<>();
        for (List<String> group : synonymGroups) {
            if (group.stream().anyMatch(lower::contains)) {
                group.stream().filter(p -> !p.equals(lower)).forEach(expansions::add);
            }
        }
        for (String e : expansions) {
            any |= addExactPhrase(all, e, EXPANSION_WEIGHT);
        }
        return any ? all.build() : new BooleanQuery.Builder().add(new TermQuery(new Term("name", "\u0000")), BooleanClause.Occur.MUST).build();
    }

    private boolean addPhrase(BooleanQuery.Builder all, String phrase, float weight) {
        List<String> tokens = tokens(phrase);
        if (tokens.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Float> f : FIELDS.entrySet()) {
            BooleanQuery.Builder words = new BooleanQuery.Builder();
            tokens.forEach(t -> words.add(new TermQuery(new Term(f.getKey(), t)), BooleanClause.Occur.SHOULD));
            all.add(new BoostQuery(words.build(), f.getValue() * weight), BooleanClause.Occur.SHOULD);
        }
        if (tokens.size() > 1) {
            for (String field : List.of("name", "synonyms", "keywords")) {
                PhraseQuery.Builder p = new PhraseQuery.Builder();
                tokens.forEach(t -> p.add(new Term(field, t)));
                all.add(new BoostQuery(p.build(), FIELDS.get(field) * weight * 2), BooleanClause.Occur.SHOULD);
            }
        }
        return true;
    }

    /** An expansion matches only as a whole phrase (so 工商登记 does not match every 登记). */
    private boolean addExactPhrase(BooleanQuery.Builder all, String phrase, float weight) {
        List<String> tokens = tokens(phrase);
        if (tokens.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Float> f : FIELDS.entrySet()) {
            Query q;
            if (tokens.size() == 1) {
                q = new TermQuery(new Term(f.getKey(), tokens.get(0)));
            } else {
                PhraseQuery.Builder p = new PhraseQuery.Builder();
                tokens.forEach(t -> p.add(new Term(f.getKey(), t)));
                q = p.build();
            }
            all.add(new BoostQuery(q, f.getValue() * weight), BooleanClause.Occur.SHOULD);
        }
        return true;
    }

    List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("name", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private String highlight(Query query, ServiceItem item) {
        Highlighter h = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new SimpleHTMLEncoder(), new QueryScorer(query, "name"));
        try {
            String best = h.getBestFragment(analyzer, "name", item.name());
            if (best != null) {
                return best;
            }
            for (String field : List.of("synonyms", "keywords")) {
                Highlighter other = new Highlighter(new SimpleHTMLFormatter("<em>", "</em>"), new SimpleHTMLEncoder(), new QueryScorer(query, field));
                String text = String.join("、", "synonyms".equals(field) ? item.synonyms() : item.keywords());
                String frag = other.getBestFragment(analyzer, field, text);
                if (frag != null) {
                    return HtmlUtils.htmlEscape(item.name()) + "（" + frag + "）";
                }
            }
        } catch (IOException | InvalidTokenOffsetsException e) {
            // fall through to the plain name
        }
        return HtmlUtils.htmlEscape(item.name());
    }

    private static List<List<String>> loadSynonyms(String resource) {
        List<List<String>> groups = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ClassPathResource(resource).getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                List<String> group = new ArrayList<>();
                for (String p : line.split("[,，]")) {
                    if (!p.isBlank()) {
                        group.add(p.strip().toLowerCase(Locale.ROOT));
                    }
                }
                if (group.size() > 1) {
                    groups.add(List.copyOf(group));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        return List.copyOf(groups);
    }
}
