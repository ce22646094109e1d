package org.jobportal.elasticsearch.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * {@code jp_english_possessive}: Lucene's {@link EnglishPossessiveFilter}, removes a trailing
 * {@code 's} ("nurse's" -> "nurse"); the {@code possessive_english} stemmer of analysis-common.
 */
@NamedComponent("jp_english_possessive")
public class EnglishPossessiveTokenFilterFactory implements TokenFilterFactory {

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new EnglishPossessiveFilter(tokenStream);
    }
}
