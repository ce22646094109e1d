package org.jobportal.elasticsearch.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.ListSetting;
import org.elasticsearch.plugin.settings.StringSetting;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code jp_synonym_graph}: Lucene's {@link SynonymGraphFilter} with rules in Solr format
 * ({@code a, b, c} equivalences and {@code a => b, c} mappings), for SEARCH-time analyzers only.
 *
 * <p>Settings:
 * <ul>
 *   <li>{@code synonyms_path} (string): a rules file, UTF-8, relative to the Elasticsearch config
 *       directory ({@code $ES_PATH_CONF}, else {@code $ES_HOME/config}) or absolute;</li>
 *   <li>{@code synonyms} (list of strings): inline rules (added to those of the file);</li>
 *   <li>{@code expand} (boolean, default true): {@code a, b} maps each to all (false: to the first);</li>
 *   <li>{@code lenient} (boolean, default false): skip rules that analyze to nothing instead of failing;</li>
 *   <li>{@code rule_stemmer} ({@code none} | {@code english_minimal} | {@code kstem} | {@code porter},
 *       default {@code none}).</li>
 * </ul>
 *
 * <p>The analysis-common {@code synonym_graph} filter analyzes its rules with the tokenizer and filters
 * that come before it in the analyzer. A stable plugin cannot see that chain, so the rules are
 * analyzed with a fixed one: standard tokenizer, English possessive, lowercase, ASCII folding, then
 * {@code rule_stemmer}. Put this filter after the same filters in the analyzer (stop words may come
 * before it too, as long as no multi-word rule contains a stop word).
 *
 * <p>The filter reports {@link AnalysisMode#SEARCH_TIME}: Elasticsearch refuses it in an index-time
 * analyzer, and the analyzers using it can be reloaded after the file changed with
 * {@code POST <index>/_reload_search_analyzers}.
 */
@NamedComponent("jp_synonym_graph")
public class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @StringSetting(path = "synonyms_path", defaultValue = "")
        String synonymsPath();

        @ListSetting(path = "synonyms")
        List<String> synonyms();

        @BooleanSetting(path = "expand", defaultValue = true)
        boolean expand();

        @BooleanSetting(path = "lenient", defaultValue = false)
        boolean lenient();

        @StringSetting(path = "rule_stemmer", defaultValue = "none")
        String ruleStemmer();
    }

    /** Null when the filter has no rules (see the constructor). */
    private final SynonymMap synonymMap;

    @Inject
    public SynonymGraphTokenFilterFactory(Settings settings) {
        String path = settings.synonymsPath() == null ? "" : settings.synonymsPath().trim();
        List<String> inline = settings.synonyms();
        if (path.isEmpty() && (inline == null || inline.isEmpty())) {
            // Elasticsearch instantiates every registered filter type once per index with empty
            // settings (for use by bare name); only fail when such an instance is actually used.
            this.synonymMap = null;
            return;
        }
        String stemmer = settings.ruleStemmer() == null ? "none" : settings.ruleStemmer().trim().toLowerCase(Locale.ROOT);
        try (Analyzer ruleAnalyzer = ruleAnalyzer(stemmer)) {
            LenientSolrSynonymParser parser = new LenientSolrSynonymParser(true, settings.expand(), settings.lenient(), ruleAnalyzer);
            if (inline != null && inline.isEmpty() == false) {
                parse(parser, new StringReader(String.join("\n", inline)), "[synonyms]");
            }
            if (path.isEmpty() == false) {
                Path file = resolve(path);
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    parse(parser, reader, "[synonyms_path] " + file);
                } catch (IOException e) {
                    throw new IllegalArgumentException(
                        "[jp_synonym_graph] cannot read [synonyms_path] [" + path + "] (resolved to " + file + "): " + e, e);
                }
            }
            this.synonymMap = parser.build();
        } catch (IOException e) {
            throw new IllegalArgumentException("[jp_synonym_graph] failed to build the synonym map: " + e, e);
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        if (synonymMap == null) {
            throw new IllegalArgumentException(
                "[jp_synonym_graph] requires [synonyms_path] or [synonyms]: define a filter of type jp_synonym_graph with one of them"
                    + " under settings.analysis.filter instead of using the bare name");
        }
        // Rules and input are already lowercased: ignoreCase=false. An empty map (all rules skipped) is a no-op.
        return synonymMap.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, synonymMap, false);
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return AnalysisMode.SEARCH_TIME;
    }

    private static void parse(SolrSynonymParser parser, Reader reader, String source) throws IOException {
        try {
            parser.parse(reader);
        } catch (ParseException e) {
            // SolrSynonymParser reports the 0-based line number as the error offset.
            throw new IllegalArgumentException(
                "[jp_synonym_graph] invalid rule in " + source + " at line " + (e.getErrorOffset() + 1) + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    static Path resolve(String path) {
        Path p = Paths.get(path);
        return p.isAbsolute() ? p : configDir().resolve(p).normalize();
    }

    /** The node's config directory: what Environment#configDir() is, without the internal API. */
    static Path configDir() {
        String conf = null;
        try {
            conf = System.getenv("ES_PATH_CONF");
        } catch (SecurityException ignored) {
            // not readable under the security manager: fall back to the default location
        }
        if (conf != null && conf.isBlank() == false) {
            return Paths.get(conf);
        }
        String home = System.getProperty("es.path.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("[jp_synonym_graph] cannot find the config directory (no es.path.home); use an absolute synonyms_path");
        }
        return Paths.get(home, "config");
    }

    static Analyzer ruleAnalyzer(String stemmer) {
        switch (stemmer) {
            case "none":
            case "english_minimal":
            case "kstem":
            case "porter":
                break;
            default:
                throw new IllegalArgumentException(
                    "[jp_synonym_graph] unknown [rule_stemmer] [" + stemmer + "]: use none, english_minimal, kstem or porter");
        }
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new StandardTokenizer();
                TokenStream ts = new EnglishPossessiveFilter(tokenizer);
                ts = new LowerCaseFilter(ts);
                ts = new ASCIIFoldingFilter(ts);
                switch (stemmer) {
                    case "english_minimal":
                        ts = new EnglishMinimalStemFilter(ts);
                        break;
                    case "kstem":
                        ts = new KStemFilter(ts);
                        break;
                    case "porter":
                        ts = new PorterStemFilter(ts);
                        break;
                    default:
                        break;
                }
                return new TokenStreamComponents(tokenizer, ts);
            }
        };
    }

    /** Like Elasticsearch's ESSolrSynonymParser: with {@code lenient}, drop rules that do not analyze. */
    static final class LenientSolrSynonymParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrSynonymParser(boolean dedup, boolean expand, boolean lenient, Analyzer analyzer) {
            super(dedup, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    reuse.clear();
                    return reuse.get();
                }
                throw e;
            }
        }
    }
}
