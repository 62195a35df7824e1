// In its own file, not inline: the page's Content-Security-Policy allows scripts from 'self' only.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
