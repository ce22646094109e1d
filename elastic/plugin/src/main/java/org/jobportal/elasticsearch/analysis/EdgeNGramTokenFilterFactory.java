package org.jobportal.elasticsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;
import org.elasticsearch.plugin.settings.IntSetting;

/**
 * {@code jp_edge_ngram}: Lucene's {@link EdgeNGramTokenFilter}, emits the prefixes of each token
 * ("nurse" -> "nu", "nur", "nurs", "nurse") for search-as-you-type at INDEX time; search such a
 * field with an analyzer without it.
 * Settings: {@code min_gram} (int, default 2), {@code max_gram} (int, default 20),
 * {@code preserve_original} (boolean, default false: also keep tokens shorter/longer than the range).
 */
@NamedComponent("jp_edge_ngram")
public class EdgeNGramTokenFilterFactory implements TokenFilterFactory {

    @AnalysisSettings
    public interface Settings {
        @IntSetting(path = "min_gram", defaultValue = 2)
        int minGram();

        @IntSetting(path = "max_gram", defaultValue = 20)
        int maxGram();

        @BooleanSetting(path = "preserve_original", defaultValue = false)
        boolean preserveOriginal();
    }

    private final int minGram;
    private final int maxGram;
    private final boolean preserveOriginal;

    @Inject
    public EdgeNGramTokenFilterFactory(Settings settings) {
        this.minGram = settings.minGram();
        this.maxGram = settings.maxGram();
        this.preserveOriginal = settings.preserveOriginal();
        if (minGram < 1) {
            throw new IllegalArgumentException("[jp_edge_ngram] min_gram must be >= 1, got " + minGram);
        }
        if (maxGram < minGram) {
            throw new IllegalArgumentException("[jp_edge_ngram] max_gram (" + maxGram + ") must be >= min_gram (" + minGram + ")");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
    }
}
