"use strict";
// /docs: Swagger UI over the app's own schema, from the copy of Swagger UI that the server ships.
document.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true});
});
