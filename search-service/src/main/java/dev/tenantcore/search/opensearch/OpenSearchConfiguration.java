package dev.tenantcore.search.opensearch;

import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenSearchConfiguration {

    @Bean(destroyMethod = "close")
    OpenSearchTransport openSearchTransport(SearchProperties properties) {
        var url = properties.opensearchUrl();
        var host = new HttpHost(url.getScheme(), url.getHost(), url.getPort());
        return ApacheHttpClient5TransportBuilder.builder(host)
                .setHttpClientConfigCallback(client -> client
                        // Timeouts are checked on each select: every 100 ms keeps them close to what is
                        // configured (the 1 s default makes a 2.5 s query timeout fire after 3 s).
                        .setIOReactorConfig(IOReactorConfig.custom()
                                .setSelectInterval(TimeValue.ofMilliseconds(100))
                                .build())
                        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(
                                                properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                        .setSocketTimeout(
                                                (int) properties.socketTimeout().toMillis(), TimeUnit.MILLISECONDS)
                                        .build())
                                .setMaxConnTotal(50)
                                .setMaxConnPerRoute(50)
                                .build()))
                .setRequestConfigCallback(request -> RequestConfig.custom()
                        .setResponseTimeout(properties.socketTimeout().toMillis(), TimeUnit.MILLISECONDS))
                .build();
    }

    @Bean
    OpenSearchClient openSearchClient(OpenSearchTransport transport) {
        return new OpenSearchClient(transport);
    }
}
